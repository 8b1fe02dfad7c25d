package org.kfm.projection.error;

/** Bad command-line usage or configuration (exit code 2). */
public class UsageException extends KfmException {
    public UsageException(String rule, String message) {
        super(ErrorCode.BAD_USAGE, rule, message);
    }
}
