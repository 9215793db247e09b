package ru.getmark.support.whatsapp.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import ru.getmark.support.infra.twilio.FakeTwilioApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts deploy/infra's fake Twilio API on a free port for one application start and points the service at it: the
 * real Twilio SDK sends to it, and it posts signed webhooks and status callbacks to the service as Twilio would.
 * <p>
 * The service sits "behind a proxy": Twilio knows it as {@value #PUBLIC_URL} (what the signatures cover, the
 * configured {@code getmark.public-url}), and the fake's route forwards that prefix to the application's local port,
 * which is therefore fixed here (a port free right now) instead of the usual random one.
 */
public class FakeTwilioResource implements QuarkusTestResourceLifecycleManager {

    /** The service's public base URL as Twilio sees it. */
    public static final String PUBLIC_URL = "https://whatsapp.getmark.test";

    private FakeTwilioApi twilio;

    @Override
    public Map<String, String> start() {
        twilio = FakeTwilioApi.start();
        int port = freePort();
        twilio.inboundWebhook(PUBLIC_URL + "/twilio/whatsapp");
        twilio.route(PUBLIC_URL, "http://127.0.0.1:" + port);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.test-port", Integer.toString(port));
        config.put("getmark.public-url", PUBLIC_URL);
        config.put("getmark.whatsapp.twilio.api-url", twilio.baseUrl());
        config.put("getmark.whatsapp.twilio.account-sid", twilio.accountSid());
        config.put("getmark.whatsapp.twilio.auth-token", twilio.authToken());
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(twilio,
                new TestInjector.AnnotatedAndMatchesType(InjectFakeTwilio.class, FakeTwilioApi.class));
    }

    @Override
    public void stop() {
        if (twilio != null) {
            twilio.close();
        }
    }
}
