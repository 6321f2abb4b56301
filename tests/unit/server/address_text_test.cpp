// The client address the adapter hands to throttling and FSA_HTTPD_PROXIES, formatted without
// getnameinfo: every IPv4 byte width, and IPv6 through inet_ntop.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include <string>

#include "server/request_builder.hpp"

using simpleauth::server::address_text;

namespace {

std::string v4(const char* text) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    EXPECT_EQ(inet_pton(AF_INET, text, &address.sin_addr), 1);
    return address_text(reinterpret_cast<const sockaddr&>(address));
}

std::string v6(const char* text, std::uint32_t scope = 0) {
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    address.sin6_scope_id = scope;
    EXPECT_EQ(inet_pton(AF_INET6, text, &address.sin6_addr), 1);
    return address_text(reinterpret_cast<const sockaddr&>(address));
}

}  // namespace

TEST(AddressText, Ipv4AsInetNtopWritesIt) {
    for (const char* text : {"127.0.0.1", "0.0.0.0", "255.255.255.255", "10.20.3.100", "1.22.199.9", "192.168.0.10"}) {
        EXPECT_EQ(v4(text), text);
    }
}

TEST(AddressText, EveryByteValue) {
    for (unsigned b = 0; b < 256; ++b) {
        std::string text = std::to_string(b) + "." + std::to_string(255 - b) + ".0." + std::to_string(b);
        EXPECT_EQ(v4(text.c_str()), text);
    }
}

TEST(AddressText, Ipv6WithoutScope) {
    EXPECT_EQ(v6("::1"), "::1");
    EXPECT_EQ(v6("2001:db8::17"), "2001:db8::17");
    EXPECT_EQ(v6("::ffff:10.1.2.3"), "::ffff:10.1.2.3");
    EXPECT_EQ(v6("fe80::1", 2), "fe80::1");
}

TEST(AddressText, OtherFamiliesHaveNoText) {
    sockaddr address{};
    address.sa_family = AF_UNIX;
    EXPECT_EQ(address_text(address), "");
}
