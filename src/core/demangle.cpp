#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <string>

namespace simpleauth::detail {

std::string demangle(const char* name) {
    int status = 0;
    std::unique_ptr<char, decltype(&std::free)> out(abi::__cxa_demangle(name, nullptr, nullptr, &status), &std::free);
    std::string text = status == 0 && out ? std::string(out.get()) : std::string(name);
    // the audit table prints what users wrote
    const std::string long_string = "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >";
    for (std::size_t at = text.find(long_string); at != std::string::npos; at = text.find(long_string, at)) {
        text.replace(at, long_string.size(), "std::string");
    }
    return text;
}

}  // namespace simpleauth::detail
