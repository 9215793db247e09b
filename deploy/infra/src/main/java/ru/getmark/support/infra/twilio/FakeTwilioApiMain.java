package ru.getmark.support.infra.twilio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the fake Twilio API and WhatsApp simulator on its own (the local stack):
 * <pre>
 * java ... FakeTwilioApiMain [--port 18082] [--host 127.0.0.1]
 *     [--webhook http://127.0.0.1:8083/twilio/whatsapp] [--account-sid AC...] [--auth-token ...]
 *     [--route PUBLIC_PREFIX=LOCAL_PREFIX] [--template 'HX...|Текст {{1}}|Да;Нет'] [--status-delay-ms 0]
 * </pre>
 * {@code --route} and {@code --template} may repeat. Prints one line when ready; stops on Ctrl-C / SIGTERM.
 */
public final class FakeTwilioApiMain {

    public static final int DEFAULT_PORT = 18082;
    public static final String DEFAULT_WEBHOOK = "http://127.0.0.1:8083/twilio/whatsapp";

    private FakeTwilioApiMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = DEFAULT_PORT;
        String host = "127.0.0.1";
        String webhook = DEFAULT_WEBHOOK;
        String accountSid = FakeTwilioApi.DEFAULT_ACCOUNT_SID;
        String authToken = FakeTwilioApi.DEFAULT_AUTH_TOKEN;
        long statusDelayMs = 0;
        List<String[]> routes = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = Integer.parseInt(value);
                case "--host" -> host = value;
                case "--webhook" -> webhook = value;
                case "--account-sid" -> accountSid = value;
                case "--auth-token" -> authToken = value;
                case "--status-delay-ms" -> statusDelayMs = Long.parseLong(value);
                case "--route" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--route PUBLIC_PREFIX=LOCAL_PREFIX");
                    }
                    routes.add(new String[] {value.substring(0, eq), value.substring(eq + 1)});
                }
                case "--template" -> templates.add(value);
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        FakeTwilioApi api = FakeTwilioApi.start(host, port, accountSid, authToken);
        api.inboundWebhook(webhook);
        routes.forEach(r -> api.route(r[0], r[1]));
        api.statusStepDelay(Duration.ofMillis(statusDelayMs));
        for (String t : templates) {
            String[] parts = t.split("\\|", 3);
            if (parts.length < 2) {
                throw new IllegalArgumentException("--template 'HX...|body with {{1}}|reply1;reply2'");
            }
            api.contentTemplate(parts[0], parts[1],
                    parts.length > 2 && !parts[2].isBlank() ? Arrays.asList(parts[2].split(";")) : List.of());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            stopped.countDown();
        }, "fake-twilio-shutdown"));
        System.out.println("Fake Twilio API and WhatsApp simulator: " + api.baseUrl() + "/ (account " + accountSid
                + ", sender " + api.sender() + ", inbound webhook " + webhook + ")");
        stopped.await();
    }
}
