package ru.getmark.support.infra.telegram;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the fake Bot API and simulator on its own: {@code java ... FakeTelegramApiMain [port] [token] [host]}
 * (defaults 18081, {@link FakeTelegramApi#DEFAULT_TOKEN}, 127.0.0.1). Stops on Ctrl-C / SIGTERM.
 */
public final class FakeTelegramApiMain {

    public static final int DEFAULT_PORT = 18081;

    private FakeTelegramApiMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        String token = args.length > 1 ? args[1] : FakeTelegramApi.DEFAULT_TOKEN;
        String host = args.length > 2 ? args[2] : "127.0.0.1";
        FakeTelegramApi api = FakeTelegramApi.start(host, port, token);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            stopped.countDown();
        }, "fake-telegram-shutdown"));
        System.out.println("Fake Telegram Bot API and simulator: " + api.baseUrl() + "/ (bot token " + token + ")");
        stopped.await();
    }
}
