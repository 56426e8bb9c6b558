package io.strata.promql.functions;

import com.google.re2j.Matcher;

import java.util.Map;

/**
 * Expands a {@code label_replace} replacement the way Go's {@code Regexp.Expand} does, which is
 * not Java's {@code appendReplacement}: {@code $name} takes the longest run of letters, digits and
 * underscores ({@code $1x} is the group named "1x", not group 1 then "x"), {@code ${name}} ends at
 * the brace, {@code $$} is a dollar, a reference to a missing or unmatched group is empty, and a
 * malformed reference leaves the {@code $} as text.
 */
final class RegexTemplate {
    private RegexTemplate() {
    }

    static String expand(String template, Matcher match, Map<String, Integer> namedGroups) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        int n = template.length();
        while (i < n) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                break;
            }
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < n && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < n && template.charAt(i) == '{';
            int nameStart = brace ? i + 1 : i;
            int nameEnd = nameStart;
            while (nameEnd < n) {
                int cp = template.codePointAt(nameEnd);
                if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
                    break;
                }
                nameEnd += Character.charCount(cp);
            }
            if (nameEnd == nameStart || (brace && (nameEnd >= n || template.charAt(nameEnd) != '}'))) {
                // Malformed: the dollar is plain text and scanning resumes right after it.
                out.append('$');
                continue;
            }
            String name = template.substring(nameStart, nameEnd);
            i = brace ? nameEnd + 1 : nameEnd;
            int group = groupNumber(name);
            if (group < 0) {
                Integer named = namedGroups.get(name);
                group = named == null ? -1 : named;
            }
            if (group >= 0 && group <= match.groupCount()) {
                String value = match.group(group);
                if (value != null) {
                    out.append(value);
                }
            }
        }
        out.append(template, i, n);
        return out.toString();
    }

    /** The group number a name spells, or -1 (not all ASCII digits, a leading zero, or too big). */
    private static int groupNumber(String name) {
        if (name.length() > 1 && name.charAt(0) == '0') {
            return -1;
        }
        int num = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9' || num >= 100_000_000) {
                return -1;
            }
            num = num * 10 + (c - '0');
        }
        return num;
    }
}
