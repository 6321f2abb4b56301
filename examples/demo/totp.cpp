#include "totp.hpp"

#include <liboath/oath.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <stdexcept>

namespace demo {

namespace {

struct OathLibrary {
    OathLibrary() {
        if (oath_init() != OATH_OK) {
            throw std::runtime_error("liboath: initialization failed");
        }
    }
    ~OathLibrary() { oath_done(); }
    OathLibrary(const OathLibrary&) = delete;
    OathLibrary& operator=(const OathLibrary&) = delete;
};

void ensure_oath() {
    static OathLibrary library;  // thread-safe initialization, once per process
}

std::string code_at(const std::string& key, std::time_t when, int digits) {
    char otp[16] = {};
    int rc = oath_totp_generate(
        key.data(), key.size(), when, OATH_TOTP_DEFAULT_TIME_STEP_SIZE, 0, static_cast<unsigned>(digits), otp);
    if (rc != OATH_OK) {
        throw std::runtime_error(std::string("liboath: ") + oath_strerror(rc));
    }
    return otp;
}

}  // namespace

std::optional<std::string> base32_key(std::string_view secret) {
    ensure_oath();
    std::string padded;
    for (char c : secret) {
        padded += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    padded.append((8 - padded.size() % 8) % 8, '=');
    char* out = nullptr;
    size_t length = 0;
    if (oath_base32_decode(padded.data(), padded.size(), &out, &length) != OATH_OK) {
        return std::nullopt;
    }
    std::string key(out, length);
    free(out);  // NOLINT: allocated by liboath with malloc
    return key;
}

bool totp_valid(const std::string& key, std::string_view otp, int digits) {
    ensure_oath();
    if (otp.size() != static_cast<std::size_t>(digits)) {
        return false;
    }
    std::time_t now = std::time(nullptr);
    for (int step = -1; step <= 1; ++step) {
        if (code_at(key, now + step * static_cast<std::time_t>(OATH_TOTP_DEFAULT_TIME_STEP_SIZE), digits) == otp) {
            return true;
        }
    }
    return false;
}

}  // namespace demo
