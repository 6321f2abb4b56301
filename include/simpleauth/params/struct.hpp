#pragma once
// Structures from a JSON object (or a JSON-encoded object in a query/form value), one macro per struct,
// written at global scope after the struct:
//     struct Point { int x; int y; std::optional<std::string> label; };
//     SIMPLEAUTH_STRUCT(Point, x, y, label);
// Every field converts through cast<T> (nested structures, vectors, dates... alike). An absent member is
// an error unless its field is a std::optional; a member that is no field is an error too (no mass
// assignment). All problems are reported together, with their paths ("inner.y: ..."). The struct must
// be default constructible; up to 24 fields.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simpleauth/params/cast.hpp"
#include "simpleauth/params/detail/json_text.hpp"

namespace simpleauth {

// A failed structure: every bad field, with its path. A nested failure is re-rooted by its parent.
class StructFailure : public CastFailure {
public:
    explicit StructFailure(std::vector<std::pair<std::string, std::string>> problems)
        : CastFailure(join(problems)), problems_(std::move(problems)) {}
    const std::vector<std::pair<std::string, std::string>>& problems() const noexcept { return problems_; }

private:
    static std::string join(const std::vector<std::pair<std::string, std::string>>& problems) {
        std::string out;
        for (const auto& [path, reason] : problems) {
            out += (out.empty() ? "" : "; ") + path + ": " + reason;
        }
        return out;
    }
    std::vector<std::pair<std::string, std::string>> problems_;
};

namespace detail {

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

class StructReader {
public:
    explicit StructReader(const RawValue& value) : members_(json_object_members(value)), used_(members_.size()) {}

    template <class T>
    void read(std::string_view name, T& field) {
        const RawValue* member = take(name);
        if constexpr (IsOptional<T>::value) {
            if (member == nullptr || member->kind == RawValue::Kind::json_null) {
                field = std::nullopt;
                return;
            }
            convert(name, *member, field.emplace());
        } else {
            if (member == nullptr) {
                problems_.emplace_back(std::string(name), "missing");
                return;
            }
            convert(name, *member, field);
        }
    }

    // throws StructFailure when a field was missing or bad, or a member unknown
    void finish();

private:
    template <class T>
    void convert(std::string_view name, const RawValue& member, T& field) {
        static_assert(Castable<T>, "simpleauth: a field of a SIMPLEAUTH_STRUCT has a type without conversion");
        try {
            field = cast<T>::from(member);
        } catch (const StructFailure& nested) {
            for (const auto& [path, reason] : nested.problems()) {
                problems_.emplace_back(std::string(name) + "." + path, reason);
            }
        } catch (const CastFailure& e) {
            problems_.emplace_back(std::string(name), e.what());
        }
    }
    const RawValue* take(std::string_view name);

    std::vector<std::pair<std::string, RawValue>> members_;
    std::vector<bool> used_;
    std::vector<std::pair<std::string, std::string>> problems_;
};

}  // namespace detail
}  // namespace simpleauth

// One field per argument, up to 24 (a plain expansion: no recursion limits, readable errors).
#define SIMPLEAUTH_DETAIL_F1(m, x) m(x)
#define SIMPLEAUTH_DETAIL_F2(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F1(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F3(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F2(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F4(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F3(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F5(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F4(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F6(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F5(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F7(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F6(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F8(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F7(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F9(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F8(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F10(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F9(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F11(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F10(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F12(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F11(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F13(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F12(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F14(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F13(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F15(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F14(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F16(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F15(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F17(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F16(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F18(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F17(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F19(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F18(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F20(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F19(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F21(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F20(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F22(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F21(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F23(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F22(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_F24(m, x, ...) m(x) SIMPLEAUTH_DETAIL_F23(m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_PICK(_1,  \
                               _2,  \
                               _3,  \
                               _4,  \
                               _5,  \
                               _6,  \
                               _7,  \
                               _8,  \
                               _9,  \
                               _10, \
                               _11, \
                               _12, \
                               _13, \
                               _14, \
                               _15, \
                               _16, \
                               _17, \
                               _18, \
                               _19, \
                               _20, \
                               _21, \
                               _22, \
                               _23, \
                               _24, \
                               N,   \
                               ...) \
    N
#define SIMPLEAUTH_DETAIL_FOR_EACH(m, ...)        \
    SIMPLEAUTH_DETAIL_PICK(__VA_ARGS__,           \
                           SIMPLEAUTH_DETAIL_F24, \
                           SIMPLEAUTH_DETAIL_F23, \
                           SIMPLEAUTH_DETAIL_F22, \
                           SIMPLEAUTH_DETAIL_F21, \
                           SIMPLEAUTH_DETAIL_F20, \
                           SIMPLEAUTH_DETAIL_F19, \
                           SIMPLEAUTH_DETAIL_F18, \
                           SIMPLEAUTH_DETAIL_F17, \
                           SIMPLEAUTH_DETAIL_F16, \
                           SIMPLEAUTH_DETAIL_F15, \
                           SIMPLEAUTH_DETAIL_F14, \
                           SIMPLEAUTH_DETAIL_F13, \
                           SIMPLEAUTH_DETAIL_F12, \
                           SIMPLEAUTH_DETAIL_F11, \
                           SIMPLEAUTH_DETAIL_F10, \
                           SIMPLEAUTH_DETAIL_F9,  \
                           SIMPLEAUTH_DETAIL_F8,  \
                           SIMPLEAUTH_DETAIL_F7,  \
                           SIMPLEAUTH_DETAIL_F6,  \
                           SIMPLEAUTH_DETAIL_F5,  \
                           SIMPLEAUTH_DETAIL_F4,  \
                           SIMPLEAUTH_DETAIL_F3,  \
                           SIMPLEAUTH_DETAIL_F2,  \
                           SIMPLEAUTH_DETAIL_F1)  \
    (m, __VA_ARGS__)
#define SIMPLEAUTH_DETAIL_READ_FIELD(f) reader.read(#f, out.f);

#define SIMPLEAUTH_STRUCT(Type, ...)                                              \
    template <>                                                                   \
    struct simpleauth::cast<Type> {                                               \
        static Type from(const ::simpleauth::RawValue& value) {                   \
            ::simpleauth::detail::StructReader reader(value);                     \
            Type out{};                                                           \
            SIMPLEAUTH_DETAIL_FOR_EACH(SIMPLEAUTH_DETAIL_READ_FIELD, __VA_ARGS__) \
            reader.finish();                                                      \
            return out;                                                           \
        }                                                                         \
    }
