// The version the library reports: fixed when the library is compiled, so a
// program built against other headers can tell.
#include "clearance/version.hpp"

namespace clearance {

std::string_view LibraryVersion() { return kVersion; }

}  // namespace clearance
