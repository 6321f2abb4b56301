#pragma once
// The argument and return types of a handler (a non-generic lambda, a function or a function object).

#include <tuple>
#include <type_traits>

namespace simpleauth::detail {

template <class F>
struct HandlerTraits;

template <class R, class... A>
struct HandlerTraits<R (*)(A...)> {
    using result = R;
    using args = std::tuple<std::remove_cvref_t<A>...>;
};
template <class R, class... A>
struct HandlerTraits<R(A...)> : HandlerTraits<R (*)(A...)> {};
template <class C, class R, class... A>
struct HandlerTraits<R (C::*)(A...) const> : HandlerTraits<R (*)(A...)> {};
template <class C, class R, class... A>
struct HandlerTraits<R (C::*)(A...)> : HandlerTraits<R (*)(A...)> {};

template <class F>
concept Inspectable = std::is_function_v<std::remove_pointer_t<std::decay_t<F>>> || requires {
    &std::decay_t<F>::operator();
};

template <class F>
auto handler_traits() {
    if constexpr (std::is_function_v<std::remove_pointer_t<std::decay_t<F>>>) {
        return HandlerTraits<std::decay_t<F>>{};
    } else {
        return HandlerTraits<decltype(&std::decay_t<F>::operator())>{};
    }
}

template <class F>
using traits_of = decltype(handler_traits<F>());

}  // namespace simpleauth::detail
