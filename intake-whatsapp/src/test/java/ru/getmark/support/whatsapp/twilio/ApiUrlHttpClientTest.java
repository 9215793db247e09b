package ru.getmark.support.whatsapp.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class ApiUrlHttpClientTest {

    private static Request messageCreate() {
        Request request = new Request(HttpMethod.POST, "api", "/2010-04-01/Accounts/AC123/Messages.json");
        request.addPostParam("To", "whatsapp:+79161234567");
        request.addPostParam("Body", "Привет & до свидания");
        request.addPostParam("MediaUrl", "https://a/1");
        request.addPostParam("MediaUrl", "https://a/2");
        request.addQueryParam("PageSize", "50");
        request.setAuth("AC123", "token");
        return request;
    }

    @Test
    void sendsTheSameRequestToTheConfiguredBase() {
        Request copy = ApiUrlHttpClient.rewrite(messageCreate(), URI.create("http://127.0.0.1:18082"));
        assertThat(copy.constructURL().toString())
                .isEqualTo("http://127.0.0.1:18082/2010-04-01/Accounts/AC123/Messages.json?PageSize=50");
        assertThat(copy.getPostParams().get("MediaUrl")).containsExactly("https://a/1", "https://a/2");
        assertThat(copy.getPostParams().get("Body")).containsExactly("Привет & до свидания");
        assertThat(copy.getAuthString()).isEqualTo(messageCreate().getAuthString());
        assertThat(copy.getMethod()).isEqualTo(HttpMethod.POST);
    }

    @Test
    void keepsAPathPrefixAndAHostName() {
        Request copy = ApiUrlHttpClient.rewrite(messageCreate(), URI.create("https://proxy.example.ru/twilio/"));
        assertThat(copy.constructURL().toString())
                .isEqualTo("https://proxy.example.ru/twilio/2010-04-01/Accounts/AC123/Messages.json?PageSize=50");
        // a host with four labels is not mistaken for product.region.twilio.com
        Request four = ApiUrlHttpClient.rewrite(messageCreate(), URI.create("http://fake.twilio.local.test:8080"));
        assertThat(four.constructURL().getHost()).isEqualTo("fake.twilio.local.test");
    }
}
