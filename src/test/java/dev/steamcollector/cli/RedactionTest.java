package dev.steamcollector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** No secret survives into a log line or an error line, whether configured or only shaped like one. */
class RedactionTest {

    @AfterEach
    void forgetTheSecrets() {
        Redaction.hide(List.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            sun.java.command=app.jar --database-url postgresql://collector:PgPassSECRET@db:5432/steam | sun.java.command=app.jar --database-url postgresql://collector:****@db:5432/steam
            jdbc:postgresql://db/steam?user=u&password=PgPassSECRET&ssl=true                           | jdbc:postgresql://db/steam?user=u&password=****&ssl=true
            GET https://api.steampowered.com/IStoreService/GetAppList/v1?key=ABCDEF0123&last_appid=10   | GET https://api.steampowered.com/IStoreService/GetAppList/v1?key=****&last_appid=10
            POST https://discord.com/api/webhooks/1234/TOKENtokenTOKEN-_x failed                         | POST https://discord.com/api/webhooks/1234/**** failed
            jdbc:postgresql://db:5432/steam (user collector, password ****)                             | jdbc:postgresql://db:5432/steam (user collector, password ****)
            """)
    void hidesWhatIsShapedLikeASecretBeforeAnyIsKnown(String line, String redacted) {
        assertThat(Redaction.apply(line)).isEqualTo(redacted);
    }

    @Test
    void hidesTheConfiguredValuesWhereverTheyStand() {
        Redaction.hide(List.of("PgPass%40SECRET", "PgPass@SECRET", "KEY0123456789ABCDEF"));

        assertThat(Redaction.apply("password was PgPass@SECRET, encoded PgPass%40SECRET; key=KEY0123456789ABCDEF."))
                .isEqualTo("password was ****, encoded ****; key=****.");
    }

    @Test
    void leavesWordsThatOnlyContainASecretAlone() {
        Redaction.hide(List.of("postgres"));

        assertThat(Redaction.apply("jdbc:postgresql://localhost/db as postgres"))
                .isEqualTo("jdbc:postgresql://localhost/db as ****");
    }
}
