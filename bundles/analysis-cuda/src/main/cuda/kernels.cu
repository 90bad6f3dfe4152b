// Condenser's analysis kernels. Each is the GPU form of a CPU analysis and must give the same numbers:
// sums are taken in double, pixels and thresholds are compared in the same types as the Java code.

#include <cstdint>

namespace {

constexpr int REDUCE_THREADS = 256;

// One block per (weight vector, frame): the frame's pixels weighted by the vector, summed in double,
// added into the frame's scan position's slot. Atomic because two frames of a batch may share a position.
template <typename T>
__device__ void weighted(const T* frames, const float* weights, const int* positions, double* sums, int pixels,
                         int maps) {
    const int map = blockIdx.x;
    const int frame = blockIdx.y;
    const T* pixel = frames + static_cast<size_t>(frame) * pixels;
    const float* weight = weights + static_cast<size_t>(map) * pixels;
    double sum = 0;
    for (int i = threadIdx.x; i < pixels; i += blockDim.x) {
        const float w = weight[i];
        if (w != 0.0f) {
            sum += static_cast<double>(w) * static_cast<double>(pixel[i]);
        }
    }
    __shared__ double partial[REDUCE_THREADS];
    partial[threadIdx.x] = sum;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride >>= 1) {
        if (threadIdx.x < stride) {
            partial[threadIdx.x] += partial[threadIdx.x + stride];
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        atomicAdd(&sums[static_cast<size_t>(positions[frame]) * maps + map], partial[0]);
    }
}

// Each pixel summed over the batch's frames into its own slot (sum pattern, sum spectrum).
template <typename T>
__device__ void accumulate(const T* frames, double* sums, int pixels, int count) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < pixels; i += gridDim.x * blockDim.x) {
        double sum = 0;
        for (int f = 0; f < count; f++) {
            sum += static_cast<double>(frames[static_cast<size_t>(f) * pixels + i]);
        }
        sums[i] += sum;
    }
}

}  // namespace

#define LINEAR_KERNELS(SUFFIX, TYPE)                                                                        \
    extern "C" __global__ void weighted_##SUFFIX(const TYPE* frames, const float* weights, const int* positions, \
                                                 double* sums, int pixels, int maps) {                       \
        weighted<TYPE>(frames, weights, positions, sums, pixels, maps);                                      \
    }                                                                                                        \
    extern "C" __global__ void accumulate_##SUFFIX(const TYPE* frames, double* sums, int pixels, int count) { \
        accumulate<TYPE>(frames, sums, pixels, count);                                                        \
    }

LINEAR_KERNELS(u8, uint8_t)
LINEAR_KERNELS(i8, int8_t)
LINEAR_KERNELS(u16, uint16_t)
LINEAR_KERNELS(i16, int16_t)
LINEAR_KERNELS(u32, uint32_t)
LINEAR_KERNELS(i32, int32_t)
LINEAR_KERNELS(f32, float)
LINEAR_KERNELS(f64, double)

// Electron counting, one thread per pixel: the value above the dark reference (a float, as in Java's
// int - float) must lie strictly between the thresholds and no neighbour of the 8 may be brighter.
// Events land in arbitrary order; the host sorts them.
extern "C" __global__ void count_u16(const uint16_t* frame, const float* dark, int height, int width,
                                     double background, double xray, int* events, int* count, int capacity) {
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= height * width) {
        return;
    }
    const float v = static_cast<float>(frame[i]) - dark[i];
    if (static_cast<double>(v) <= background || static_cast<double>(v) >= xray) {
        return;
    }
    const int row = i / width;
    const int column = i % width;
    for (int dy = -1; dy <= 1; dy++) {
        const int r = row + dy;
        if (r < 0 || r >= height) {
            continue;
        }
        for (int dx = -1; dx <= 1; dx++) {
            const int c = column + dx;
            if ((dx == 0 && dy == 0) || c < 0 || c >= width) {
                continue;
            }
            const int j = r * width + c;
            if (static_cast<float>(frame[j]) - dark[j] > v) {
                return;
            }
        }
    }
    const int n = atomicAdd(count, 1);
    if (n < capacity) {
        events[n] = i;
    }
}
