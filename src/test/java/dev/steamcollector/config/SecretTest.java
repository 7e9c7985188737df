package dev.steamcollector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTest {

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "x", "s3cr3tPW", "0123456789ABCDE", "0123456789ABCDEF", "ABCDEF0123456789ABCDEF0123456789"})
    void toStringAndMaskedNeverContainTheValue(String value) {
        Secret secret = new Secret(value);

        assertThat(secret.masked()).startsWith("****");
        assertThat(secret.toString()).isEqualTo(secret.masked());
        if (!value.isEmpty()) {
            assertThat(secret.toString()).doesNotContain(value);
            assertThat(String.valueOf(Optional.of(secret))).doesNotContain(value);
        }
    }

    @Test
    void showsNothingOfItselfWhateverItsLength() {
        assertThat(new Secret("s3cr3tPW").masked()).isEqualTo("****");
        assertThat(new Secret("ABCDEF0123456789ABCDEF0123456789").masked()).isEqualTo("****");
    }

    @Test
    void revealReturnsTheValue() {
        assertThat(new Secret("s3cr3tPW").reveal()).isEqualTo("s3cr3tPW");
    }

    @Test
    void equalsComparesTheValue() {
        Secret secret = new Secret("s3cr3tPW");

        assertThat(secret).isEqualTo(new Secret("s3cr3tPW")).hasSameHashCodeAs(new Secret("s3cr3tPW"));
        assertThat(secret).isNotEqualTo(new Secret("other")).isNotEqualTo("s3cr3tPW").isNotEqualTo(null);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> new Secret(null)).isInstanceOf(NullPointerException.class);
    }
}
