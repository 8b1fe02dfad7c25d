package org.kfm.projection.api;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who called, as audits and receipts record it: the token's upn (or preferred_username), else its subject. */
final class Caller {
    private Caller() {
    }

    static String name(JsonWebToken jwt) {
        if (jwt == null) {
            return "anonymous";
        }
        String name = jwt.getName();
        if (name == null || name.isBlank()) {
            name = jwt.getSubject();
        }
        return name == null || name.isBlank() ? "anonymous" : name;
    }
}
