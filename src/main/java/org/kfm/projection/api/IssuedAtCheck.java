package org.kfm.projection.api;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * SmallRye JWT checks a token's signature, issuer and expiry, and that {@code iat} is present, but
 * not that it lies in the past: a token "issued" a day from now would be accepted (and, with
 * {@code mp.jwt.verify.token.age}, would never age). This factory refuses one whose {@code iat} is
 * later than now plus the clock skew SmallRye allows for expiry ({@code mp.jwt.verify.clock.skew},
 * 60 s by default), so both checks share one setting. The refusal is a 401 like any rejected token.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class IssuedAtCheck extends DefaultJWTCallerPrincipalFactory {
    private final Clock clock;

    @Inject
    public IssuedAtCheck(Clock clock) {
        this.clock = clock;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JWTCallerPrincipal principal = super.parse(token, context);
        long now = clock.instant().getEpochSecond();
        long issuedAt = principal.getIssuedAtTime();
        if (issuedAt > now + Math.max(0, context.getClockSkew())) {
            throw new ParseException("token issued in the future (iat " + issuedAt + " is more than "
                    + context.getClockSkew() + " s after now, " + now + ")");
        }
        return principal;
    }
}
