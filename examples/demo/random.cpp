#include "random.hpp"

#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>

namespace demo {

std::string random_bytes(std::size_t n) {
    std::string out(n, '\0');
    std::size_t done = 0;
    while (done < n) {
        ssize_t got = getrandom(out.data() + done, n - done, 0);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw std::runtime_error("getrandom failed");
        }
        done += static_cast<std::size_t>(got);
    }
    return out;
}

std::string random_uuid4() {
    std::string b = random_bytes(16);
    b[6] = static_cast<char>((b[6] & 0x0f) | 0x40);  // version 4
    b[8] = static_cast<char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
    std::string out;
    char hex[3];
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out += '-';
        }
        std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned char>(b[i]));
        out += hex;
    }
    return out;
}

}  // namespace demo
