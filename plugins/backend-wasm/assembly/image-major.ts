// Convolution's products meet its NCHW output [batch, channels, positions] as the channels-first
// matrix [channels, batch·positions] (the layout of im2col's columns). Rather than reorder the tensor
// (a pass over it each way), the product reads or writes that operand in place: column j of the
// matrix is position q = j mod positions of image j / positions, so each row is a run of `positions`
// contiguous floats per image — image-major. These helpers give its addresses; the packing and
// storing routines of assembly/gemm*.ts walk such runs with the same vector code as plain rows.

/** Which operand of a product is image-major (gemmBlock's `nchw`): codes shared with the host. */
export { NCHW_NONE, NCHW_A, NCHW_B, NCHW_C } from '../src/kernel-abi';

/**
 * Byte address of element (r, j) of a [rows × batch·positions] matrix stored image-major at `base`,
 * i.e. of NCHW element [j / positions, r, j mod positions].
 */
@inline export function imageMajorAt(base: usize, rows: i32, positions: i32, r: i32, j: i32): usize {
  const img = j / positions;
  const q = j - img * positions;
  return base + ((<usize>(img * rows + r) * <usize>positions + <usize>q) << 2);
}

/**
 * Writes (or adds, when accumulate) the mr×nr valid part of a register block held in `tile` (rows of
 * `tileCols` floats) into an image-major C [rows × batch·positions] at row i, column j, one address
 * per column: for blocks whose columns straddle two images.
 */
export function storeTileAcrossImages(tile: usize, tileCols: i32, c: usize, rows: i32, positions: i32, i: i32, j: i32, mr: i32, nr: i32, accumulate: bool): void {
  for (let jj = 0; jj < nr; jj++) {
    let at = imageMajorAt(c, rows, positions, i, j + jj);
    for (let ii = 0; ii < mr; ii++, at += <usize>positions << 2) {
      const v = load<f32>(tile + (<usize>(ii * tileCols + jj) << 2));
      store<f32>(at, accumulate ? load<f32>(at) + v : v);
    }
  }
}
