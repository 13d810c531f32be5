/** Multiply–adds ×2 per training sample (forward + backward; no input gradient for the first layer). */
export const MLP_FLOPS_PER_SAMPLE = 2 * (784 * 256 + 256 * 128 + 128 * 10) * 2 + 2 * (256 * 128 + 128 * 10);
const CNN_FORWARD = { conv1: 26 * 26 * 32 * 9 * 2, conv2: 11 * 11 * 64 * 288 * 2, fc1: 1600 * 128 * 2, fc2: 128 * 10 * 2 };
/** The first convolution needs no input gradient; every other layer's forward work is done three times. */
export const CNN_FLOPS_PER_SAMPLE = CNN_FORWARD.conv1 * 2 + (CNN_FORWARD.conv2 + CNN_FORWARD.fc1 + CNN_FORWARD.fc2) * 3;

export const fmt = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toFixed(digits) : '–');
