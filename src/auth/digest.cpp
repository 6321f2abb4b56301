// "digest": HTTP Digest authentication (RFC 7616), SHA-256 and MD5, qop=auth, nonces that cannot be
// replayed. get_user_pass returns the plain password, or its HA1 (MD5) with FSA_HTTP_AUTH_OPTS use_ha1_pw.

#include "auth/credentials.hpp"
#include "auth/digest_protocol.hpp"
#include "auth/password_check.hpp"
#include "auth/scheme.hpp"
#include "auth/tokens.hpp"
#include "core/app_state.hpp"
#include "core/pipeline.hpp"
#include "simpleauth/context.hpp"
#include "simpleauth/errors.hpp"
#include "tokens/hmac.hpp"

namespace simpleauth::detail {

namespace {

class DigestScheme final : public Scheme {
public:
    explicit DigestScheme(std::string name) : name_(std::move(name)) {}
    std::string_view name() const noexcept override { return name_; }

    std::optional<std::string> authenticate(Context& ctx, AppState& app) override {
        const http::Request& request = ctx.request();
        const std::string* header = request.headers.find("Authorization");
        if (header == nullptr) {
            throw ErrorResponse("missing authorization header", 401);
        }
        auto parts = split_authorization(*header);
        if (!parts || !http::iequals(parts->scheme, "Digest")) {
            throw ErrorResponse("unexpected Authorization header", 401);
        }
        auto credentials = parse_digest_authorization(parts->value);
        std::string target = request.path + (request.query.empty() ? "" : "?" + request.query);
        if (!credentials || credentials->userhash || credentials->realm != route_realm(ctx, app) ||
            credentials->uri != target || credentials->opaque != app.digest_nonces->opaque()) {
            throw ErrorResponse("invalid digest authorization", 401);
        }
        // the nonce is checked first and spent only once the response is right: somebody who saw a nonce
        // cannot burn its counts with wrong answers
        switch (app.digest_nonces->check(credentials->nonce, credentials->nc, now_seconds())) {
            case DigestNonces::Check::ok:
                break;
            case DigestNonces::Check::stale:
                Pipeline::set_digest_stale(ctx);
                throw ErrorResponse("stale digest nonce", 401);
            default:
                throw ErrorResponse("invalid digest authorization", 401);
        }
        bool right = throttled_check(app, ctx, credentials->username, [&] {
            std::optional<std::string> secret;
            try {
                secret = app.get_user_pass ? app.get_user_pass(credentials->username) : std::nullopt;
            } catch (const ErrorResponse&) {
                throw;
            } catch (...) {
                throw ErrorResponse("internal error in get_user_pass", app.settings.server_error);
            }
            // an unknown user is checked against a random secret, so that it looks and costs the same
            bool known = secret && !secret->empty();
            std::string reference = known ? *secret : random_bytes(16);
            std::string ha1;
            if (app.settings.digest_ha1 && known) {
                if (credentials->algorithm != DigestAlgorithm::md5) {
                    throw ErrorResponse("invalid digest authorization", 401);  // a stored HA1 is MD5
                }
                ha1 = reference;
            } else {
                ha1 = digest_ha1(credentials->algorithm, credentials->username, credentials->realm, reference);
            }
            std::string expected = digest_expected_response(*credentials, ha1, request.method);
            return constant_time_equal(expected, credentials->response) && known;
        });
        if (!right) {
            throw ErrorResponse("invalid user or password", 401);
        }
        if (app.digest_nonces->use(credentials->nonce, credentials->nc, now_seconds()) != DigestNonces::Check::ok) {
            throw ErrorResponse("invalid digest authorization", 401);  // replayed meanwhile
        }
        return credentials->username;
    }

    // two challenges, SHA-256 preferred, each with a fresh nonce
    std::vector<std::string> challenges(const Context& ctx, const AppState& app) const {
        bool stale = Pipeline::digest_stale(ctx);
        std::string realm = route_realm(ctx, app);
        std::int64_t now = now_seconds();
        return {digest_challenge(
                    DigestAlgorithm::sha256, realm, app.digest_nonces->issue(now), app.digest_nonces->opaque(), stale),
                digest_challenge(
                    DigestAlgorithm::md5, realm, app.digest_nonces->issue(now), app.digest_nonces->opaque(), stale)};
    }

    std::optional<std::string> challenge(const Context& ctx, const AppState& app) const override {
        auto all = challenges(ctx, app);
        return all.front();
    }
    std::vector<std::string> all_challenges(const Context& ctx, const AppState& app) const override {
        return challenges(ctx, app);
    }

private:
    std::string name_;
};

}  // namespace

std::unique_ptr<Scheme> make_digest_scheme(std::string name) {
    return std::make_unique<DigestScheme>(std::move(name));
}

}  // namespace simpleauth::detail
