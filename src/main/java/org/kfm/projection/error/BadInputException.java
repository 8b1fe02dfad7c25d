package org.kfm.projection.error;

/**
 * An input artifact or catalog document broke a rule (exit code 5). The message always names the
 * artifact, the position (line/column, feature index or JSON pointer) and the rule.
 */
public class BadInputException extends KfmException {
    private final String artifact;
    private final String position;
    private final String detail;

    public BadInputException(String rule, String artifact, String position, String detail) {
        this(rule, artifact, position, detail, null);
    }

    public BadInputException(String rule, String artifact, String position, String detail, Throwable cause) {
        super(ErrorCode.BAD_INPUT, rule, format(rule, artifact, position, detail), cause);
        this.artifact = artifact;
        this.position = position;
        this.detail = detail;
    }

    private static String format(String rule, String artifact, String position, String detail) {
        StringBuilder sb = new StringBuilder().append(artifact);
        if (position != null && !position.isEmpty()) {
            sb.append(" at ").append(position);
        }
        return sb.append(": ").append(rule).append(": ").append(detail).toString();
    }

    public String artifact() {
        return artifact;
    }

    public String position() {
        return position;
    }

    /** The message's last part: what is wrong and what to do, without artifact, position and rule. */
    public String detail() {
        return detail;
    }
}
