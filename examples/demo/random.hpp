#pragma once
// Bytes from the operating system's cryptographic generator (getrandom), for upload names and MFA codes.

#include <cstddef>
#include <string>

namespace demo {

std::string random_bytes(std::size_t n);
std::string random_uuid4();  // canonical lowercase, 36 characters

}  // namespace demo
