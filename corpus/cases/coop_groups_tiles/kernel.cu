// Cooperative groups: a thread block and 32-wide tiles (thread_rank, size, meta_group_rank/size), tile shuffles
// (shfl_down, shfl_xor, shfl) and cg::reduce with plus and greater, block-wide sync between shared-memory phases.
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>

namespace cg = cooperative_groups;

__global__ void tiles(const float* in, float* sums, float* maxes, float* shifted, int* ranks, int n) {
    cg::thread_block block = cg::this_thread_block();
    cg::thread_block_tile<32> tile = cg::tiled_partition<32>(block);
    __shared__ float stage[256];
    int i = blockIdx.x * block.size() + block.thread_rank();
    float v = i < n ? in[i] : 0.0f;
    stage[block.thread_rank()] = v;
    block.sync();
    // read the neighbour tile's value through shared memory, then work within the tile
    float w = stage[(block.thread_rank() + 32) % block.size()];
    cg::sync(block);
    float s = cg::reduce(tile, v, cg::plus<float>());
    float m = cg::reduce(tile, v, cg::greater<float>());
    float d = tile.shfl_down(w, 1) + tile.shfl_xor(v, 16) + tile.shfl(v, 0);
    int t = blockIdx.x * tile.meta_group_size() + tile.meta_group_rank();
    if (tile.thread_rank() == 0) {
        sums[t] = s;
        maxes[t] = m;
    }
    if (i < n) {
        shifted[i] = d;
        ranks[i] = tile.thread_rank() + 100 * tile.size();
    }
}
