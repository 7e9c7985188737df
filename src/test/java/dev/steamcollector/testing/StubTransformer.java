package dev.steamcollector.testing;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

/** A WireMock transformer that writes the answers of the stubs naming it, and of no other stub. */
public abstract class StubTransformer implements ResponseDefinitionTransformerV2 {

    private final String name;

    protected StubTransformer(String name) {
        this.name = name;
    }

    @Override
    public final String getName() {
        return name;
    }

    @Override
    public final boolean applyGlobally() {
        return false;
    }
}
