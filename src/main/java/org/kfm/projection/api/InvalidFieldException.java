package org.kfm.projection.api;

import org.kfm.projection.error.UsageException;

/** A request field (body member or query parameter) the API cannot accept; answered with 400. */
public class InvalidFieldException extends UsageException {
    private final String field;

    public InvalidFieldException(String rule, String field, String message) {
        super(rule, message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
