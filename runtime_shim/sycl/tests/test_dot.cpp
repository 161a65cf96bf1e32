// Unit test of cudaport_sycl/dot.hpp (CUDA's __dp4a/__dp2a_lo/__dp2a_hi): host code against the SYCL headers, no device.
#include <cudaport_sycl/dot.hpp>
#include <cstdio>
int main() {
  int fails = 0;
  // 0x01FF0280: bytes (lsb first) 0x80=-128, 0x02, 0xFF=-1, 0x01
  int a = 0x01FF0280, b = 0x7F03FE02;  // b bytes: 0x02, 0xFE=-2, 0x03, 0x7F
  int s = cpsycl::dp4a(a, b, 10);      // 10 + (-128*2) + (2*-2) + (-1*3) + (1*127) = -126
  if (s != -126) { std::printf("dp4a int %d\n", s); ++fails; }
  unsigned u = cpsycl::dp4a(0x01FF0280u, 0x7F03FE02u, 10u);  // 10 + 128*2 + 2*254 + 255*3 + 1*127 = 1666
  if (u != 1666u) { std::printf("dp4a unsigned %u\n", u); ++fails; }
  int lo = cpsycl::dp2a_lo(0x0003FFFE, 0x7F03FE02, 1);  // halves -2, 3; bytes 2, -2: 1 - 4 - 6 = -9
  int hi = cpsycl::dp2a_hi(0x0003FFFE, 0x7F03FE02, 1);  // bytes 3, 127: 1 - 6 + 381 = 376
  if (lo != -9 || hi != 376) { std::printf("dp2a %d %d\n", lo, hi); ++fails; }
  int c4 = cpsycl::dp4a(sycl::char4(-128, 2, -1, 1), sycl::char4(2, -2, 3, 127), 10);
  if (c4 != -126) { std::printf("char4 %d\n", c4); ++fails; }
  if (!fails) std::printf("ok\n");
  return fails;
}
