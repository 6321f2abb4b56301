#pragma once
// Run-time half of a route: take each handler argument from the request, collect every problem into
// one 400, check object permissions on the converted values, call the handler, make the response.

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <typeindex>
#include <utility>
#include <vector>

#include "simpleauth/context.hpp"
#include "simpleauth/errors.hpp"
#include "simpleauth/http/response.hpp"
#include "simpleauth/params/detail/arg_kinds.hpp"
#include "simpleauth/params/detail/path_pattern.hpp"
#include "simpleauth/params/uuid.hpp"
#include "simpleauth/reply.hpp"

namespace simpleauth::detail {

// A converted parameter, seen by the object permission checks without knowing its type.
struct NamedValue {
    std::string_view name;
    const void* value = nullptr;
    std::type_index type = typeid(void);
};

// Implemented in src/core: shared, non-template parts of binding.
std::string describe_value(const RawValue& value);  // for error messages: short, escaped
std::string safe_text(std::string_view text);       // control characters and invalid UTF-8 escaped
void check_request_parameters(Context& ctx, std::vector<std::string>& errors);  // unexpected names, bad bodies
void check_object_perms(Context& ctx, std::span<const NamedValue> values);      // 403 / 404 / 500
std::optional<http::Response> run_before_exec(Context& ctx);                    // hooks that may answer instead
[[noreturn]] void throw_bad_parameters(std::vector<std::string>& errors);
[[noreturn]] void throw_bad_path_value(const std::string& name);
std::vector<RawValue> header_values(Context& ctx, std::string_view name);  // every field of that name
std::vector<RawValue> cookie_values(Context& ctx, std::string_view name);  // every cookie of that name
Kwargs collect_kwargs(Context& ctx);                                       // the undeclared parameters
http::Response to_response(Reply&& reply);
http::Response to_response(std::string&& body);
http::Response to_response(http::Response&& response);
http::Response empty_response();
inline http::Response to_response(const char* body) {
    return to_response(std::string(body));
}

template <class A>
using slot_t = std::
    conditional_t<is_context<A>, Context*, std::conditional_t<is_request<A>, const http::Request*, std::optional<A>>>;

template <class T>
T default_of(const Literal& d) {
    using U = typename Unoptional<T>::type;
    if constexpr (std::is_same_v<U, std::string>) {
        return std::string(d.view());
    } else {
        switch (d.kind) {
            case Literal::Kind::integer:
                if constexpr (std::is_arithmetic_v<U>) {
                    return static_cast<U>(d.integer);
                }
                break;
            case Literal::Kind::floating:
                if constexpr (std::is_arithmetic_v<U>) {
                    return static_cast<U>(d.floating);
                }
                break;
            case Literal::Kind::boolean:
                if constexpr (std::is_same_v<U, bool>) {
                    return d.boolean;
                }
                break;
            default:
                break;
        }
        return cast<U>::from(RawValue{RawValue::Kind::text, std::string(d.view())});
    }
}

template <class T>
T convert(const RawValue& raw) {
    using U = typename Unoptional<T>::type;
    if constexpr (Unoptional<T>::optional) {
        if (raw.kind == RawValue::Kind::json_null) {
            return std::nullopt;
        }
    }
    return cast<U>::from(raw);
}

// The values of a named argument, in request order; header and cookie values are copied into `owned`.
template <class A>
std::vector<const RawValue*> values_of(Context& ctx, std::vector<RawValue>& owned) {
    if constexpr (is_request_param<A>) {
        return ctx.request_values(A::name);
    } else {
        owned = is_header<A> ? header_values(ctx, A::name) : cookie_values(ctx, A::name);
        std::vector<const RawValue*> out;
        for (const auto& v : owned) {
            out.push_back(&v);
        }
        if constexpr (is_cookie<A> && !is_vector<typename Unoptional<typename A::value_type>::type>) {
            out.resize(std::min<std::size_t>(out.size(), 1));  // the most specific cookie comes first
        }
        return out;
    }
}

template <class A>
constexpr const char* label_of() {
    return is_header<A> ? "header \"" : is_cookie<A> ? "cookie \"" : "parameter \"";
}

// a conversion, with whatever a user's cast<T> or constructor throws as the reason (never a 500)
template <class T>
std::optional<T> try_convert(const RawValue& raw, std::string& reason) {
    try {
        return convert<T>(raw);
    } catch (const ErrorResponse&) {
        throw;
    } catch (const std::exception& e) {
        reason = e.what();
        return std::nullopt;
    }
}

template <class A>
void fill_named(Context& ctx, std::optional<A>& slot, std::vector<std::string>& errors) {
    using T = typename A::value_type;
    using U = typename Unoptional<T>::type;
    const std::string label = label_of<A>() + std::string(A::name) + "\"";
    std::vector<RawValue> owned;
    std::vector<const RawValue*> values = values_of<A>(ctx, owned);
    if (values.empty()) {
        if constexpr (!A::default_value.empty()) {
            slot.emplace(A{{{}, default_of<T>(A::default_value)}});
        } else if constexpr (Unoptional<T>::optional) {
            slot.emplace(A{{{}, T{}}});
        } else {
            errors.push_back(label + " is missing");
        }
        return;
    }
    std::string reason;
    if constexpr (is_vector<U>) {
        // one JSON array, or every repeated text value (?tag=a&tag=b)
        bool any_json = std::any_of(values.begin(), values.end(), [](const RawValue* v) { return v->is_json(); });
        if (!any_json || values.size() > 1) {
            if (any_json) {
                errors.push_back(label + " is repeated");
                return;
            }
            U items;
            bool ok = true;
            for (std::size_t i = 0; i < values.size(); ++i) {
                if (auto item = try_convert<typename U::value_type>(*values[i], reason)) {
                    items.push_back(std::move(*item));
                } else {
                    ok = false;
                    errors.push_back(label + " item " + std::to_string(i) + " cast error on " +
                                     describe_value(*values[i]) + ": " + reason);
                }
            }
            if (ok) {
                slot.emplace(A{{{}, T(std::move(items))}});
            }
            return;
        }
    } else if (values.size() > 1) {
        errors.push_back(label + " is repeated");
        return;
    }
    if (auto value = try_convert<T>(*values.front(), reason)) {
        slot.emplace(A{{{}, std::move(*value)}});
    } else {
        errors.push_back(label + " cast error on " + describe_value(*values.front()) + ": " + reason);
    }
}

template <FixedString Path, class A>
void fill(Context& ctx, slot_t<A>& slot, std::vector<std::string>& errors) {
    if constexpr (is_context<A>) {
        slot = &ctx;
    } else if constexpr (is_request<A>) {
        slot = &ctx.request();
    } else if constexpr (is_kwargs<A>) {
        slot.emplace(collect_kwargs(ctx));
    } else if constexpr (is_user_special<A>) {
        slot.emplace(special<A>::extract(ctx));
    } else if constexpr (is_current_user<A>) {
        slot.emplace(std::string(*ctx.user(true)));
    } else if constexpr (is_optional_user<A>) {
        auto user = ctx.user(false);
        slot.emplace(user ? std::optional<CurrentUser>(CurrentUser(std::string(*user))) : std::nullopt);
    } else if constexpr (is_request_param<A> && path_has_placeholder(Path.view(), A::name)) {
        try {
            slot.emplace(A{{{}, convert<typename A::value_type>(*ctx.path_value(A::name))}});
        } catch (const CastFailure& e) {
            // upstream routes on its converters (int, float, uuid, path, string) and casts the rest
            // afterwards: a number or UUID that does not fit is no such route (404), another type's refusal
            // is a 400
            using V = typename Unoptional<typename A::value_type>::type;
            if constexpr (std::is_arithmetic_v<V> || std::is_same_v<V, Uuid>) {
                throw_bad_path_value(std::string(A::name));
            } else {
                errors.push_back("parameter \"" + std::string(A::name) + "\" cast error on " +
                                 describe_value(*ctx.path_value(A::name)) + ": " + safe_text(e.what()));
            }
        }
    } else {
        fill_named<A>(ctx, slot, errors);
    }
}

template <class A>
decltype(auto) take(slot_t<A>& slot) {
    if constexpr (is_context<A> || is_request<A>) {
        return *slot;
    } else {
        return std::move(*slot);
    }
}

template <class A>
void name_value(slot_t<A>& slot, NamedValue*& out) {
    if constexpr (is_request_param<A>) {
        *out++ = NamedValue{A::name, &slot->value, typeid(typename A::value_type)};
    }
}

template <class A>
inline constexpr std::size_t param_count_of = is_request_param<A> ? 1 : 0;

template <FixedString Path, class R, class... A, class Handler>
http::Response run_route(Context& ctx, Handler& handler) {
    std::tuple<slot_t<A>...> slots;
    std::vector<std::string> errors;
    std::apply([&](auto&... s) { (fill<Path, A>(ctx, s, errors), ...); }, slots);
    check_request_parameters(ctx, errors);
    if (!errors.empty()) {
        throw_bad_parameters(errors);
    }
    if (!ctx.route().authz.perms.empty()) {
        std::array<NamedValue, (param_count_of<A> + ... + 0)> named{};
        NamedValue* out = named.data();
        std::apply([&](auto&... s) { (name_value<A>(s, out), ...); }, slots);
        check_object_perms(ctx, named);
    }
    if (auto answer = run_before_exec(ctx)) {
        return std::move(*answer);
    }
    if constexpr (std::is_void_v<R>) {
        std::apply([&](auto&... s) { handler(take<A>(s)...); }, slots);
        return empty_response();
    } else {
        return to_response(std::apply([&](auto&... s) -> R { return handler(take<A>(s)...); }, slots));
    }
}

}  // namespace simpleauth::detail
