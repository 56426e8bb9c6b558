package io.strata.promql.engine;

/** Label name rules of Prometheus 3.x (UTF-8 names): any non-empty valid UTF-8 string. */
public final class LabelNames {
    private LabelNames() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean pairOk = Character.isHighSurrogate(c) && i + 1 < name.length()
                        && Character.isLowSurrogate(name.charAt(i + 1));
                if (!pairOk) {
                    return false;
                }
                i++;
            } else if (c == '\uFFFD') {
                // The decoder's replacement for an invalid byte: the original was not UTF-8.
                return false;
            }
        }
        return true;
    }

    /** The legacy rule {@code [a-zA-Z_][a-zA-Z0-9_]*}, which label_replace destinations still follow. */
    public static boolean isLegacyValid(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
