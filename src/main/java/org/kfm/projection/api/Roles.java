package org.kfm.projection.api;

/** The roles of the {@code groups} claim: viewers read, operators act (and read). */
final class Roles {
    static final String VIEWER = "viewer";
    static final String OPERATOR = "operator";

    private Roles() {
    }
}
