package org.kfm.projection.api;

import java.util.regex.Pattern;

/** What a problem's detail may say: never the name of a Java class, whatever a lower layer wrote. */
final class Details {
    /** {@code java.nio.file.NoSuchFileException: } and the like, qualified or not. */
    private static final Pattern JAVA_CLASS = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*"
            + "|\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b:?\\s*");

    private Details() {
    }

    static String clean(String detail) {
        return detail == null ? null : JAVA_CLASS.matcher(detail).replaceAll("");
    }
}
