// check_framing refuses a header value holding a control character (a byte below 0x20 other than a
// tab, or DEL), whatever its position: the check reads eight bytes at a time, so every byte value is
// tried at every offset of values that end inside, on and past a word.

#include <gtest/gtest.h>

#include <string>

#include "server/smuggling.hpp"

namespace sv = simpleauth::server;

namespace {

bool refused(const std::string& value) {
    simpleauth::http::Headers headers;
    headers.add("Authorization", value);
    return !sv::check_framing("HTTP/1.1", headers).framing.has_value();
}

}  // namespace

TEST(FramingControls, EveryByteAtEveryOffset) {
    for (std::size_t length : {1U, 7U, 8U, 9U, 16U, 23U}) {
        for (std::size_t at = 0; at < length; ++at) {
            for (int byte = 0; byte < 256; ++byte) {
                std::string value(length, 'a');
                value[at] = static_cast<char>(byte);
                bool control = (byte < 0x20 && byte != '\t') || byte == 0x7f;
                EXPECT_EQ(refused(value), control) << "byte " << byte << " at " << at << " of " << length;
            }
        }
    }
}

TEST(FramingControls, TabsAndHighBytesAreNotControls) {
    EXPECT_FALSE(refused(std::string(64, '\t')));
    EXPECT_FALSE(refused(std::string(64, '\x80')));
    EXPECT_FALSE(refused(std::string(64, '\xff')));
    EXPECT_FALSE(refused("Bearer " + std::string(300, 'x')));
    EXPECT_TRUE(refused("Bearer " + std::string(300, 'x') + "\x01"));
}

TEST(FramingControls, FieldNamesAreTokens) {
    simpleauth::http::Headers headers;
    headers.add("X-Ok_1!#$%&'*+-.^`|~", "v");
    EXPECT_TRUE(sv::check_framing("HTTP/1.1", headers).framing.has_value());
    for (const char* name : {"", "a b", "a:b", "a\"b", "a(b", "a/b", "\xc3\xa9"}) {
        simpleauth::http::Headers bad;
        bad.add(name, "v");
        EXPECT_FALSE(sv::check_framing("HTTP/1.1", bad).framing.has_value()) << name;
    }
}
