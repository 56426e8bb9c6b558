package io.strata.storage.merge;

import io.strata.model.Utf8Order;

import java.util.ArrayList;
import java.util.List;

/**
 * Merging of sorted string lists, as label name and value APIs return them. Strings are ordered by
 * code point, which is the UTF-8 byte order of {@link io.strata.model.Labels} and of Prometheus;
 * {@link String#compareTo} differs from it only for characters above U+FFFF.
 */
public final class SortedStrings {
    private SortedStrings() {}

    /**
     * The sorted union of {@code lists}, each sorted and distinct, without duplicates.
     *
     * @param limit maximum size of the result, 0 for no limit
     */
    public static List<String> mergeDistinct(List<List<String>> lists, int limit) {
        int max = limit <= 0 ? Integer.MAX_VALUE : limit;
        if (lists.size() == 1) {
            List<String> only = lists.getFirst();
            return only.size() <= max ? only : List.copyOf(only.subList(0, max));
        }
        int[] pos = new int[lists.size()];
        List<String> out = new ArrayList<>();
        while (out.size() < max) {
            String min = null;
            for (int i = 0; i < pos.length; i++) {
                List<String> l = lists.get(i);
                if (pos[i] < l.size()) {
                    String s = l.get(pos[i]);
                    if (min == null || Utf8Order.INSTANCE.compare(s, min) < 0) {
                        min = s;
                    }
                }
            }
            if (min == null) {
                break;
            }
            out.add(min);
            for (int i = 0; i < pos.length; i++) {
                List<String> l = lists.get(i);
                if (pos[i] < l.size() && l.get(pos[i]).equals(min)) {
                    pos[i]++;
                }
            }
        }
        return out;
    }
}
