package io.strata.promql.functions;

import io.strata.promql.ast.Functions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StandardFunctionsTest {
    @Test
    void everyFunctionButInfoHasAnImplementation() {
        for (String name : Functions.all().keySet()) {
            if (name.equals("info")) {
                continue;
            }
            assertThat(StandardFunctions.table().get(name)).as(name).isNotNull();
        }
    }

    @Test
    void noImplementationIsForAnUnknownFunction() {
        assertThat(StandardFunctions.table().byName().keySet()).allSatisfy(name ->
                assertThat(Functions.lookup(name)).as(name).isNotNull());
    }
}
