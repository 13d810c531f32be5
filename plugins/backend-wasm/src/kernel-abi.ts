// The contract between the host (src/) and the kernel module (assembly/): op codes, the control block's
// layout and the broadcast modes. This one file is compiled by both tsc (as the host's source) and asc
// (assembly/ imports it as ../src/kernel-abi), so each number is written once. Plain integer constants
// only: AssemblyScript reads them as i32.

// Control block of the work-sharing protocol, in i32 slots (src/helper-threads.ts, assembly/threads.ts).
export const GEN = 0;
/** Helpers that have left their loop after OP_QUIT. */
export const DONE = 1;
/** Helpers that have entered their loop. */
export const READY = 2;
export const OP = 3;
export const ARGS = 4;
export const FAILED = 30;
/** Helpers asleep in atomic.wait for the next task: posting a task wakes them only when there are some. */
export const SLEEPING = 31;
export const CLAIM = 32;
export const FINISHED = 33;
export const CHUNKS = 34;
export const BOUNDS = 36;
/** Most chunks of one task (their boundaries fill the rest of the control block). */
export const MAX_TASK_CHUNKS = 64;
/** CLAIM holds the task's generation above the index of the next unclaimed chunk. */
export const CHUNK_BITS = 10;

// Tasks a helper thread can run.
export const OP_GEMM = 1;
export const OP_IM2COL = 2;
export const OP_COL2IM = 3;
export const OP_ADAM = 4;
export const OP_UNARY = 5;
export const OP_BINARY = 6;
export const OP_SWAP = 7;
export const OP_MAXPOOL = 8;
export const OP_MAXPOOL_GRAD = 9;
export const OP_PACK = 10;
/** A dense forward on weights packed once (assembly/dense-packed.ts); chunks are rows. */
export const OP_DENSE_PACKED = 11;
/** A convolution's inference forward image by image (assembly/conv-forward.ts); chunks are images. */
export const OP_CONV_FORWARD = 12;
/** Max pooling 2×2 / 2 without argmax, for inference (assembly/pool-forward.ts); chunks are planes. */
export const OP_MAXPOOL_FORWARD = 13;
/** Every layer of a chain of dense layers on weights packed once, a chunk of rows at a time (assembly/dense-packed.ts). */
export const OP_DENSE_CHAIN = 14;
/** Ints per layer in OP_DENSE_CHAIN's layer table: x, packed W, bias (0: none), out, k, n, relu (0/1). */
export const DENSE_CHAIN_STRIDE = 7;
/** Max pooling 2×2 / 2 of a ReLU's input, with argmax and ReLU on the maxima (assembly/relu-pool.ts); chunks are planes. */
export const OP_RELU_MAXPOOL = 15;
/** Its backward, the scatter gated on the pooled output (assembly/relu-pool.ts); chunks are planes. */
export const OP_RELU_MAXPOOL_GRAD = 16;
/** That backward for 2×2 / 2 windows, written window by window (assembly/relu-pool.ts); chunks are planes. */
export const OP_RELU_MAXPOOL2X2_GRAD = 17;
/** A 3×3 stride-1 convolution by Winograd F(2×2, 3×3) (assembly/winograd.ts); chunks are images. */
export const OP_WINOGRAD = 18;
/** A convolution's weight gradient without the patch matrix (assembly/conv-weight-grad.ts); chunks are images, each summing into its own dWᵀ. */
export const OP_CONV_WEIGHT_GRAD = 19;
/** A 3×3 stride-1 convolution's weight gradient by Winograd F(3×3, 2×2) (assembly/winograd-weight-grad.ts); chunks are images, each summing into its own M. */
export const OP_WINOGRAD_WEIGHT_GRAD = 20;
export const OP_QUIT = 99;

// Unary ops (assembly/elementwise.ts).
export const UNARY_NEG = 0;
export const UNARY_EXP = 1;
export const UNARY_LOG = 2;
export const UNARY_SQRT = 3;
export const UNARY_ABS = 4;
export const UNARY_SQUARE = 5;
export const UNARY_RECIPROCAL = 6;
export const UNARY_RELU = 7;
export const UNARY_SIGMOID = 8;
export const UNARY_TANH = 9;
export const UNARY_LEAKY_RELU = 10;
export const UNARY_ELU = 11;
export const UNARY_GELU = 12;
export const UNARY_SOFTPLUS = 13;
export const UNARY_STEP = 14;
export const UNARY_LEAKY_RELU_GRAD = 15;
export const UNARY_ELU_GRAD = 16;
export const UNARY_GELU_GRAD = 17;
export const UNARY_SOFTPLUS_GRAD = 18;

// Binary ops.
export const BINARY_ADD = 0;
export const BINARY_SUB = 1;
export const BINARY_MUL = 2;
export const BINARY_DIV = 3;
export const BINARY_MAX = 4;
export const BINARY_MIN = 5;
export const BINARY_POW = 6;
export const BINARY_GATE = 7;

// Reductions.
export const REDUCE_SUM = 0;
export const REDUCE_MAX = 1;

// Broadcast patterns of the binary kernel: which operand runs along the output.
export const MODE_SAME = 0;
export const MODE_SCALAR_B = 1;
export const MODE_SCALAR_A = 2;
export const MODE_ROW_B = 3;
export const MODE_ROW_A = 4;
export const MODE_MID_B = 5;

// Which operand of matmulNchw is image-major (assembly/image-major.ts).
export const NCHW_NONE = 0;
export const NCHW_A = 1;
export const NCHW_B = 2;
export const NCHW_C = 3;
