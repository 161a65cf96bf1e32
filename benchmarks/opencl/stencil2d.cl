// Hand-written OpenCL C counterpart of benchmarks/cuda/stencil2d.cu.
#define BX 16
#define BY 16

__kernel void stencil2d(__global const float* in, __global float* out, int w, int h) {
    __local float tile[BY + 2][BX + 2];
    int lid_x = get_local_id(0);
    int lid_y = get_local_id(1);
    int x = get_global_id(0);
    int y = get_global_id(1);
    int lx = lid_x + 1;
    int ly = lid_y + 1;
    tile[ly][lx] = in[y * w + x];
    if (lid_x == 0) tile[ly][0] = in[y * w + max(x - 1, 0)];
    if (lid_x == BX - 1) tile[ly][BX + 1] = in[y * w + min(x + 1, w - 1)];
    if (lid_y == 0) tile[0][lx] = in[max(y - 1, 0) * w + x];
    if (lid_y == BY - 1) tile[BY + 1][lx] = in[min(y + 1, h - 1) * w + x];
    barrier(CLK_LOCAL_MEM_FENCE);
    out[y * w + x] = 0.25f * (tile[ly][lx - 1] + tile[ly][lx + 1] + tile[ly - 1][lx] + tile[ly + 1][lx]);
}
