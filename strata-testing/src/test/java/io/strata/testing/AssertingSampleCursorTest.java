package io.strata.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.storage.SampleCursor;
import org.junit.jupiter.api.Test;

class AssertingSampleCursorTest {
    /** A cursor over fixed timestamps that does whatever it is told, right or wrong. */
    private static final class Scripted implements SampleCursor {
        private final long[] ts;
        private int i = -1;

        Scripted(long... ts) {
            this.ts = ts;
        }

        @Override
        public int next() {
            i++;
            return i < ts.length ? FLOAT : NONE;
        }

        @Override
        public int seek(long t) {
            return next(); // wrong on purpose: ignores the target
        }

        @Override
        public long timestamp() {
            return ts[i];
        }

        @Override
        public double value() {
            return 0;
        }
    }

    @Test
    void passesAWellBehavedCursor() {
        SampleCursor c = AssertingSampleCursor.wrap(new Scripted(1, 2, 3));
        int n = 0;
        while (c.next() == SampleCursor.FLOAT) {
            c.timestamp();
            c.value();
            n++;
        }
        assertThat(n).isEqualTo(3);
    }

    @Test
    void catchesTimestampsGoingBackwards() {
        SampleCursor c = AssertingSampleCursor.wrap(new Scripted(5, 4));
        c.next();
        assertThatThrownBy(c::next).isInstanceOf(AssertionError.class).hasMessageContaining("backwards");
    }

    @Test
    void catchesSeekLandingBeforeItsTarget() {
        SampleCursor c = AssertingSampleCursor.wrap(new Scripted(1, 2));
        assertThatThrownBy(() -> c.seek(10)).isInstanceOf(AssertionError.class).hasMessageContaining("before its target");
    }

    @Test
    void catchesReadsWhileNotPositioned() {
        SampleCursor c = AssertingSampleCursor.wrap(new Scripted(1));
        assertThatThrownBy(c::timestamp).isInstanceOf(AssertionError.class);
        c.next();
        c.next();
        assertThatThrownBy(c::value).isInstanceOf(AssertionError.class);
    }
}
