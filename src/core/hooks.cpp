// Registration of the hooks around requests, and route groups.

#include "core/app_state.hpp"
#include "core/log.hpp"
#include "simpleauth/route_group.hpp"

namespace simpleauth {

RouteGroup App::group(std::string prefix, RouteDefaults defaults) {
    if (prefix.empty() || prefix.front() != '/' || prefix.back() == '/' || prefix.find('<') != std::string::npos) {
        throw ConfigError("route group prefix must start with '/', not end with one, and hold no placeholder: " +
                          prefix);
    }
    state_->route_groups.push_back({prefix, {}, {}});
    defaults.group = state_->route_groups.size() - 1;
    return RouteGroup(*this, std::move(prefix), std::move(defaults));
}

void App::before_request(std::function<std::optional<http::Response>(http::Request&)> hook) {
    state_->before_request.push_back(std::move(hook));
}
void App::before_exec(std::function<std::optional<http::Response>(Context&)> hook) {
    state_->before_exec.push_back(std::move(hook));
}
void App::after_request(std::function<void(const http::Request&, http::Response&)> hook) {
    state_->after_request.push_back(std::move(hook));
}
void App::add_header(std::string name, std::string value) {
    state_->added_headers.emplace_back(
        std::move(name),
        [value = std::move(value)](const http::Response&) -> std::optional<std::string> { return value; });
}
void App::add_header(std::string name, std::function<std::optional<std::string>(const http::Response&)> value) {
    state_->added_headers.emplace_back(std::move(name), std::move(value));
}
void App::path_check(std::function<std::optional<std::string>(std::string_view, std::string_view)> hook) {
    state_->path_check = std::move(hook);
}
void App::error_response(
    std::function<http::Response(const std::string&, int, const http::Headers&, const std::string&)> renderer) {
    state_->error_renderer = std::move(renderer);
}

void RouteGroup::before_request(std::function<std::optional<http::Response>(Context&)> hook) {
    app_.state().route_groups.at(*defaults_.group).before_request.push_back(std::move(hook));
}
void RouteGroup::after_request(std::function<void(const http::Request&, http::Response&)> hook) {
    app_.state().route_groups.at(*defaults_.group).after_request.push_back(std::move(hook));
}

namespace detail {

std::optional<http::Response> run_before_exec(Context& ctx) {
    for (const auto& hook : ctx.app().state().before_exec) {
        std::optional<http::Response> answer;
        try {
            answer = hook(ctx);
        } catch (const ErrorResponse&) {
            throw;
        } catch (const std::exception& e) {
            log(LogLevel::error, "before exec hook failed on " + ctx.route().path + ": " + e.what());
            throw ErrorResponse("internal error in before exec hook", ctx.app().state().settings.server_error);
        }
        if (answer) {
            return answer;
        }
    }
    return std::nullopt;
}

}  // namespace detail
}  // namespace simpleauth
