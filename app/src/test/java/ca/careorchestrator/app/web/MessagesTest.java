package ca.careorchestrator.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.problem.Problem;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static Properties load(String name) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/" + name)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void frenchAndEnglishSayTheSameThings() throws Exception {
        assertThat(load("messages_en.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("messages.properties").stringPropertyNames());
    }

    @Test
    void everyProblemHasATitleAndADetailInBothLanguages() throws Exception {
        for (String bundle : new String[] {"messages.properties", "messages_en.properties"}) {
            Properties messages = load(bundle);
            for (Problem problem : Problem.values()) {
                assertThat(messages.getProperty("problem." + problem.code() + ".title")).as(bundle + " " + problem).isNotBlank();
                assertThat(messages.getProperty("problem." + problem.code() + ".detail")).as(bundle + " " + problem).isNotBlank();
            }
        }
    }

    /** Every message goes through MessageFormat (always-use-message-format): a lone apostrophe vanishes from the page. */
    @Test
    void everyApostropheIsDoubled() throws Exception {
        for (String bundle : new String[] {"messages.properties", "messages_en.properties"}) {
            Properties messages = load(bundle);
            for (String key : messages.stringPropertyNames()) {
                assertThat(messages.getProperty(key).replace("''", "")).as(bundle + " " + key).doesNotContain("'");
            }
        }
    }
}
