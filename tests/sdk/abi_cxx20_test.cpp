// The same ABI headers compiled as C++20 with every warning an error.
#include <octobot/abi.h>

#if __has_include(<octobot/channels.h>)
#include <octobot/channels.h>
#endif
#if __has_include(<octobot/exchange.h>)
#include <octobot/exchange.h>
#endif

#include <type_traits>

static_assert(std::is_standard_layout_v<ob_library_descriptor>);
static_assert(std::is_trivially_copyable_v<ob_class_descriptor>);
static_assert(std::is_standard_layout_v<ob_ta_evaluator_vtable>);

int main() {
  constexpr ob_header header = OB_HEADER_INIT(ob_library_descriptor);
  static_assert(header.abi_major == OB_ABI_MAJOR);
  return header.struct_size == sizeof(ob_library_descriptor) ? 0 : 1;
}
