struct Particle {
    float x, y;
    float vx, vy;
    int alive;
};

// Array of structs in global memory; a struct-returning device function; members read and written.
__device__ Particle advance(Particle p, float dt)
{
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    if (p.x < 0.0f || p.x > 1.0f) { p.vx = -p.vx; p.alive += 1; }
    if (p.y < 0.0f || p.y > 1.0f) { p.vy = -p.vy; p.alive += 1; }
    return p;
}

__global__ void step_particles(Particle* ps, int n, float dt)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) ps[i] = advance(ps[i], dt);
}
