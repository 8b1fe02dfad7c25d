package org.kfm.projection.validate;

/** Counted nouns for finding messages: {@code 1 row}, {@code 2 rows}, {@code 1 geometry}, {@code 3 geometries}. */
final class Words {
    private Words() {
    }

    static String count(long n, String noun) {
        if (n == 1) {
            return n + " " + noun;
        }
        return n + " " + (noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
    }
}
