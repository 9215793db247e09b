package ru.getmark.support.common.dialog;

import ru.getmark.support.common.dialog.DialogueState.Draft;
import ru.getmark.support.common.dialog.DialogueState.Pending;
import ru.getmark.support.common.dialog.DialogueState.Profile;
import ru.getmark.support.common.dialog.DialogueState.Step;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.inn.Inn;
import ru.getmark.support.common.process.GetMarkProcess;
import ru.getmark.support.common.process.ProcessDirectory;
import ru.getmark.support.common.time.MoscowTime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The guided dialogue of the chat channels (R1, R3, R4, R11, R12), written once for Telegram and WhatsApp: the
 * steps, the Russian texts and the validation. A pure function of (state, input, context): no I/O, no clock, so the
 * adapter can store the state anywhere and a restart continues exactly where the chat was. It never throws for any
 * input: unexpected input gets a helpful answer and the current step is repeated.
 */
public final class ChatDialogue {

    /** Shortest useful description: a few words about what happened. */
    public static final int DESCRIPTION_MIN = 10;
    /** Longest description; the rest belongs in an attached file. */
    public static final int DESCRIPTION_MAX = 3000;
    public static final int NAME_MIN = 2;
    public static final int NAME_MAX = 200;
    public static final int EMAIL_MAX = 254;
    /** Files one request may carry. */
    public static final int MAX_ATTACHMENTS = 10;
    /** Open tickets offered as buttons for a free message. */
    public static final int MAX_TICKET_BUTTONS = 5;
    /** Open tickets listed by /status. */
    public static final int MAX_STATUS_LINES = 20;

    // button data of the dialogue (notice buttons: NoticeButtons)
    static final String NEW = "new";
    static final String STATUS = "status";
    static final String CANCEL = "cancel";
    static final String USE = "use";
    static final String CHANGE = "change";
    static final String SKIP = "skip";
    static final String KEEP = "keep";
    static final String DONE = "done";
    static final String CLEAR = "clear";
    static final String SEND = "send";
    static final String EDIT = "edit";
    static final String BACK = "back";
    static final String ANSWER_DONE = "adone";
    static final String TYPE_PREFIX = "t:";
    static final String PROCESS_PREFIX = "p:";
    static final String PROCESS_INDEX_PREFIX = "p#";
    static final String IMPACT_PREFIX = "i:";
    static final String EDIT_PREFIX = "e:";
    static final String FOLLOW_UP_PREFIX = "f:";
    static final String PENDING_NEW = "fn";

    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@.]{2,}$");
    private static final Pattern TICKET_NUMBER = Pattern.compile("[A-Za-z0-9\\-]{1,40}");
    private static final Pattern INN_SEPARATORS = Pattern.compile("[\\s\\-]");

    static final String GREETING = """
            Здравствуйте! Я бот поддержки GetMark.
            Здесь можно оформить Обращение: я задам несколько коротких вопросов (ИНН, контакты, тип, процесс, \
            описание, влияние на работу, файлы), а номер Обращения и срок рассмотрения пришлю в этот чат.
            Пока Обращение открыто, просто пишите сюда — сообщения попадут к специалисту.""";
    static final String HELP = """
            Что я умею:
            /new — новое Обращение
            /status — ваши открытые Обращения, статус и срок
            /cancel — отменить текущее действие
            /help — эта подсказка
            Пока Обращение открыто, сообщения и файлы в этом чате можно добавить к нему. \
            Телефон поддержки: 8 800 550-22-79, доб. 2.""";
    static final String IDLE_HINT = "Чтобы оформить Обращение, нажмите /new. Ваши Обращения — /status.";
    static final String OLD_BUTTON = "Эта кнопка уже не действует.";
    static final String CHOOSE_BUTTON = "Выберите вариант кнопкой ниже (или отправьте его номер).";

    private final ProcessDirectory processes;

    public ChatDialogue(ProcessDirectory processes) {
        this.processes = Objects.requireNonNull(processes, "processes");
    }

    /**
     * One step of the dialogue.
     *
     * @param state   the stored state; null means {@link DialogueState#initial()}
     * @param input   what the customer did
     * @param context the time and the customer's open tickets
     * @return the new state, the messages to send and what to publish
     */
    public Turn handle(DialogueState state, ChatInput input, DialogueContext context) {
        DialogueState s = state == null ? DialogueState.initial() : state;
        DialogueContext ctx = context == null ? new DialogueContext(java.time.Instant.EPOCH, List.of()) : context;
        Reply reply = new Reply(s);
        try {
            dispatch(reply, input, ctx);
        } catch (RuntimeException e) {
            // a defect must not leave the customer in silence nor lose the stored state
            reply = new Reply(s);
            reply.say("Что-то пошло не так. Попробуйте ещё раз или начните заново: /new.");
            reprompt(reply, ctx);
        }
        if (reply.messages.isEmpty()) {
            reprompt(reply, ctx);
            if (reply.messages.isEmpty()) {
                reply.say(IDLE_HINT);
            }
        }
        return new Turn(reply.state, reply.messages, reply.submissions);
    }

    /** The prompt of the current step (what the chat shows when the customer comes back), or empty at IDLE. */
    public Optional<BotMessage> currentPrompt(DialogueState state, DialogueContext context) {
        DialogueState s = state == null ? DialogueState.initial() : state;
        return Optional.ofNullable(prompt(s, context));
    }

    // ---------------------------------------------------------------------------------------------------------

    private void dispatch(Reply r, ChatInput input, DialogueContext ctx) {
        if (input == null) {
            unsupported(r, "unknown", ctx);
            return;
        }
        if (input instanceof ChatInput.Command c) {
            command(r, normaliseCommand(c.name()), ctx);
        } else if (input instanceof ChatInput.Text t) {
            text(r, t.text() == null ? "" : t.text(), ctx);
        } else if (input instanceof ChatInput.Button b) {
            button(r, b.data() == null ? "" : b.data(), ctx, false);
        } else if (input instanceof ChatInput.File f) {
            file(r, f, ctx);
        } else if (input instanceof ChatInput.Unsupported u) {
            unsupported(r, u.kind(), ctx);
        }
    }

    static String normaliseCommand(String name) {
        if (name == null) {
            return "/";
        }
        String n = name.strip();
        int space = n.indexOf(' ');
        if (space >= 0) {
            n = n.substring(0, space);
        }
        int at = n.indexOf('@');
        if (at >= 0) {
            n = n.substring(0, at);
        }
        n = n.toLowerCase(Locale.ROOT);
        return n.startsWith("/") ? n : "/" + n;
    }

    private void command(Reply r, String name, DialogueContext ctx) {
        switch (name) {
            case "/start" -> {
                boolean inProgress = r.state.step() != Step.IDLE;
                r.say(new BotMessage(GREETING, inProgress ? List.of() : startKeyboard()));
                if (inProgress) {
                    r.say("У вас есть незаконченное действие — продолжим (или /cancel, чтобы отменить).");
                    reprompt(r, ctx);
                }
            }
            case "/new" -> startNew(r, ctx, Draft.EMPTY);
            case "/status" -> {
                r.say(status(ctx));
                reprompt(r, ctx);
            }
            case "/cancel" -> cancel(r);
            case "/help" -> {
                r.say(HELP);
                reprompt(r, ctx);
            }
            default -> {
                r.say("Не знаю команды " + abbreviate(name, 40) + ".\n" + HELP);
                reprompt(r, ctx);
            }
        }
    }

    private static List<List<ChatButton>> startKeyboard() {
        return List.of(List.of(new ChatButton("Новое обращение", NEW), new ChatButton("Мои обращения", STATUS)));
    }

    private void startNew(Reply r, DialogueContext ctx, Draft draft) {
        boolean restarted = r.state.step() != Step.IDLE && r.state.step() != Step.PENDING;
        r.state = new DialogueState(Step.INN, draft, r.state.profile(), null, null, false);
        if (restarted) {
            r.say("Начинаем новое Обращение заново, прежний черновик удалён.");
        }
        reprompt(r, ctx);
    }

    private void cancel(Reply r) {
        DialogueState s = r.state;
        boolean anything = s.step() != Step.IDLE || s.pending() != null || s.answering() != null;
        r.state = new DialogueState(Step.IDLE, Draft.EMPTY, s.profile(), null, null, false);
        r.say(anything ? "Отменено, ничего не отправлено. Новое Обращение — /new."
                : "Отменять нечего. Новое Обращение — /new, ваши Обращения — /status.");
    }

    // ---- text ---------------------------------------------------------------------------------------------

    private void text(Reply r, String raw, DialogueContext ctx) {
        String text = raw.strip();
        if (text.startsWith("/") && !text.contains("\n") && text.length() > 1 && text.length() <= 64
                && !text.substring(1).contains("/")) {
            command(r, normaliseCommand(text), ctx);
            return;
        }
        String lower = simplify(text);
        if (r.state.answering() != null && (lower.equals("отмена") || lower.equals("готово")
                || lower.equals("пропустить"))) {
            button(r, ANSWER_DONE, ctx, true);
            return;
        }
        if ((lower.equals("отмена") || lower.equals("отменить")) && r.state.step() != Step.IDLE) {
            cancel(r);
            return;
        }
        if (text.isEmpty()) {
            r.say("Пустое сообщение — напишите, пожалуйста, текстом.");
            reprompt(r, ctx);
            return;
        }
        // a text naming a button of the current prompt (WhatsApp: the label or its number) presses it
        Optional<String> pressed = textAsButton(r.state, text, ctx);
        if (pressed.isPresent()) {
            button(r, pressed.get(), ctx, true);
            return;
        }
        if (r.state.answering() != null) {
            answerText(r, text, ctx);
            return;
        }
        DialogueState s = r.state;
        switch (s.step()) {
            case IDLE -> freeMessage(r, new Pending(text, List.of()), ctx);
            case PENDING -> {
                Pending p = s.pending() == null ? new Pending(null, List.of()) : s.pending();
                String joined = p.text() == null ? text : p.text() + "\n" + text;
                r.state = s.withPending(new Pending(joined, p.attachments()));
                r.say(pendingQuestion(r.state, ctx));
            }
            case INN -> innText(r, text, ctx);
            case EMAIL -> emailText(r, text, ctx);
            case NAME -> nameText(r, text, ctx);
            case DESCRIPTION -> descriptionText(r, text, ctx);
            case ATTACHMENTS -> {
                String description = s.draft().description();
                String joined = description == null ? text : description + "\n" + text;
                if (joined.length() > DESCRIPTION_MAX) {
                    r.say("Этот текст не поместится в описание (максимум " + DESCRIPTION_MAX
                            + " символов). Приложите его файлом или нажмите «Готово».");
                } else {
                    r.state = s.withDraft(s.draft().withDescription(joined));
                    r.say("Добавил этот текст к описанию.");
                }
                reprompt(r, ctx);
            }
            case TYPE, PROCESS, IMPACT, SUMMARY, EDIT -> {
                r.say(CHOOSE_BUTTON);
                reprompt(r, ctx);
            }
        }
    }

    private Optional<String> textAsButton(DialogueState s, String text, DialogueContext ctx) {
        BotMessage prompt = prompt(s, ctx);
        if (prompt == null) {
            return Optional.empty();
        }
        List<ChatButton> buttons = prompt.buttons();
        String wanted = simplify(text);
        for (ChatButton b : buttons) {
            if (simplify(b.label()).equals(wanted)) {
                return Optional.of(b.data());
            }
        }
        if (choiceStep(s) && text.matches("\\d{1,2}")) {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= buttons.size()) {
                return Optional.of(buttons.get(n - 1).data());
            }
        }
        return Optional.empty();
    }

    private static boolean choiceStep(DialogueState s) {
        if (s.answering() != null) {
            return false;
        }
        return switch (s.step()) {
            case TYPE, PROCESS, IMPACT, SUMMARY, EDIT, PENDING -> true;
            default -> false;
        };
    }

    private static String simplify(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replace('ё', 'е').replaceAll("[«»\"'.!]", "")
                .replaceAll("\\s+", " ");
    }

    private void innText(Reply r, String text, DialogueContext ctx) {
        String digits = INN_SEPARATORS.matcher(text).replaceAll("");
        Optional<Inn.Problem> problem = Inn.check(digits);
        if (problem.isPresent()) {
            r.say("❗ " + problem.get().message());
            reprompt(r, ctx);
            return;
        }
        advance(r, r.state.draft().withInn(digits), ctx);
    }

    private void emailText(Reply r, String text, DialogueContext ctx) {
        if (text.length() > EMAIL_MAX || !EMAIL.matcher(text).matches()) {
            r.say("❗ Похоже, в адресе ошибка: нужен адрес вида name@company.ru. Введите email ещё раз "
                    + "или нажмите «Пропустить».");
            reprompt(r, ctx);
            return;
        }
        advance(r, r.state.draft().withEmail(text), ctx);
    }

    private void nameText(Reply r, String text, DialogueContext ctx) {
        String name = text.replaceAll("\\s+", " ");
        if (name.length() < NAME_MIN) {
            r.say("❗ Слишком коротко. Напишите, как к вам обращаться: ФИО или название организации.");
            reprompt(r, ctx);
            return;
        }
        if (name.length() > NAME_MAX) {
            r.say("❗ Слишком длинно (" + name.length() + " символов, максимум " + NAME_MAX
                    + "). Напишите ФИО или название организации короче.");
            reprompt(r, ctx);
            return;
        }
        advance(r, r.state.draft().withName(name), ctx);
    }

    private void descriptionText(Reply r, String text, DialogueContext ctx) {
        if (text.length() < DESCRIPTION_MIN) {
            r.say("❗ Опишите чуть подробнее (не меньше " + DESCRIPTION_MIN + " символов): что делали, что "
                    + "произошло, текст ошибки, название документа.");
            reprompt(r, ctx);
            return;
        }
        if (text.length() > DESCRIPTION_MAX) {
            r.say("❗ Описание слишком длинное: " + text.length() + " символов, максимум " + DESCRIPTION_MAX
                    + ". Сократите его, а подробности (логи, выгрузки) приложите файлом на следующем шаге.");
            reprompt(r, ctx);
            return;
        }
        advance(r, r.state.draft().withDescription(text), ctx);
    }

    /** Stores the step's value and moves to the next step, or back to the summary when editing. */
    private void advance(Reply r, Draft draft, DialogueContext ctx) {
        DialogueState s = r.state.withDraft(draft);
        Step next = s.editing() ? Step.SUMMARY : next(s.step());
        r.state = s.withStep(next).withEditing(s.editing() && next != Step.SUMMARY);
        reprompt(r, ctx);
    }

    private static Step next(Step step) {
        return switch (step) {
            case INN -> Step.EMAIL;
            case EMAIL -> Step.NAME;
            case NAME -> Step.TYPE;
            case TYPE -> Step.PROCESS;
            case PROCESS -> Step.DESCRIPTION;
            case DESCRIPTION -> Step.IMPACT;
            case IMPACT -> Step.ATTACHMENTS;
            default -> Step.SUMMARY;
        };
    }

    // ---- free messages and follow-ups (R4, R11) -----------------------------------------------------------

    private void freeMessage(Reply r, Pending pending, DialogueContext ctx) {
        r.state = r.state.withPending(pending).withStep(Step.PENDING);
        r.say(pendingQuestion(r.state, ctx));
    }

    private BotMessage pendingQuestion(DialogueState s, DialogueContext ctx) {
        List<List<ChatButton>> rows = new ArrayList<>();
        List<DialogueContext.OpenTicket> open = ctx.openTickets();
        for (DialogueContext.OpenTicket t : open.subList(0, Math.min(open.size(), MAX_TICKET_BUTTONS))) {
            if (fits(FOLLOW_UP_PREFIX + t.number())) {
                rows.add(List.of(new ChatButton(abbreviate("К обращению № " + t.number()
                        + (t.statusLabel() == null ? "" : " (" + t.statusLabel() + ")"), 60),
                        FOLLOW_UP_PREFIX + t.number())));
            }
        }
        rows.add(List.of(new ChatButton("Новое обращение", PENDING_NEW), new ChatButton("Отмена", CANCEL)));
        String text = rows.size() > 1
                ? "К какому Обращению относится ваше сообщение? Или это новое Обращение?"
                : "Открытых Обращений нет. Оформить новое Обращение с этим сообщением?";
        return new BotMessage(text, rows);
    }

    private void answerText(Reply r, String text, DialogueContext ctx) {
        String ticket = r.state.answering();
        r.submit(new Submission(Submission.Kind.FOLLOW_UP, ticket, r.state.profile().inn(), null, null, null, null,
                null, text, null, List.of()));
        r.state = r.state.withAnswering(null);
        r.say("Спасибо! Ваш ответ добавлен к Обращению № " + ticket + ", специалист продолжит работу.");
        reprompt(r, ctx);
    }

    // ---- buttons --------------------------------------------------------------------------------------------

    private void button(Reply r, String data, DialogueContext ctx, boolean fromText) {
        DialogueState s = r.state;
        // buttons valid at any step
        if (data.startsWith(NoticeButtons.CONFIRM) || data.startsWith(NoticeButtons.REJECT)
                || data.startsWith(NoticeButtons.ANSWER)) {
            noticeButton(r, data, ctx);
            return;
        }
        switch (data) {
            case NEW -> {
                startNew(r, ctx, Draft.EMPTY);
                return;
            }
            case STATUS -> {
                r.say(status(ctx));
                reprompt(r, ctx);
                return;
            }
            case CANCEL -> {
                cancel(r);
                return;
            }
            case ANSWER_DONE -> {
                if (s.answering() != null) {
                    r.state = s.withAnswering(null);
                    r.say("Хорошо. Если понадобится, пишите сюда в любое время.");
                    reprompt(r, ctx);
                    return;
                }
            }
            default -> {
            }
        }
        if (!stepButton(r, data, ctx)) {
            r.say(OLD_BUTTON);
            reprompt(r, ctx);
        }
    }

    /** A button of the current step; false when it does not belong to it (an old message's button). */
    private boolean stepButton(Reply r, String data, DialogueContext ctx) {
        DialogueState s = r.state;
        Draft d = s.draft();
        Profile p = s.profile();
        if (BACK.equals(data) && s.editing()) {
            r.state = s.withStep(Step.SUMMARY).withEditing(false);
            reprompt(r, ctx);
            return true;
        }
        switch (s.step()) {
            case INN -> {
                if (USE.equals(data) && offers(s, p.inn())) {
                    advance(r, d.withInn(p.inn()), ctx);
                    return true;
                }
                if (CHANGE.equals(data) && offers(s, p.inn())) {
                    r.say("Введите ИНН организации (10 цифр) или ИП (12 цифр).");
                    return true;
                }
            }
            case EMAIL -> {
                if (USE.equals(data) && offers(s, p.email())) {
                    advance(r, d.withEmail(p.email()), ctx);
                    return true;
                }
                if (CHANGE.equals(data) && offers(s, p.email())) {
                    r.say(new BotMessage("Введите email для уведомлений о статусе Обращения.",
                            List.of(List.of(new ChatButton("Пропустить", SKIP)))));
                    return true;
                }
                if (SKIP.equals(data)) {
                    advance(r, d.withEmail(null), ctx);
                    return true;
                }
            }
            case NAME -> {
                if (USE.equals(data) && offers(s, p.name())) {
                    advance(r, d.withName(p.name()), ctx);
                    return true;
                }
                if (CHANGE.equals(data) && offers(s, p.name())) {
                    r.say("Напишите ФИО или название организации.");
                    return true;
                }
            }
            case TYPE -> {
                Optional<TicketType> type = enumOf(TicketType.class, data, TYPE_PREFIX);
                if (type.isPresent()) {
                    advance(r, d.withType(type.get()), ctx);
                    return true;
                }
            }
            case PROCESS -> {
                Optional<GetMarkProcess> process = processOf(data);
                if (process.isPresent()) {
                    advance(r, d.withProcess(process.get().code()), ctx);
                    return true;
                }
            }
            case DESCRIPTION -> {
                if (KEEP.equals(data) && d.description() != null && validDescription(d.description())) {
                    advance(r, d, ctx);
                    return true;
                }
            }
            case IMPACT -> {
                Optional<Impact> impact = enumOf(Impact.class, data, IMPACT_PREFIX);
                if (impact.isPresent()) {
                    advance(r, d.withImpact(impact.get()), ctx);
                    return true;
                }
            }
            case ATTACHMENTS -> {
                if (DONE.equals(data)) {
                    r.state = s.withStep(Step.SUMMARY).withEditing(false);
                    reprompt(r, ctx);
                    return true;
                }
                if (CLEAR.equals(data) && !d.attachments().isEmpty()) {
                    r.state = s.withDraft(d.withAttachments(List.of()));
                    r.say("Файлы убраны.");
                    reprompt(r, ctx);
                    return true;
                }
            }
            case SUMMARY -> {
                if (SEND.equals(data)) {
                    send(r, ctx);
                    return true;
                }
                if (EDIT.equals(data)) {
                    r.state = s.withStep(Step.EDIT);
                    reprompt(r, ctx);
                    return true;
                }
            }
            case EDIT -> {
                if (data.startsWith(EDIT_PREFIX)) {
                    Step field = editField(data.substring(EDIT_PREFIX.length()));
                    if (field != null) {
                        r.state = s.withStep(field).withEditing(true);
                        reprompt(r, ctx);
                        return true;
                    }
                }
                if (BACK.equals(data)) {
                    r.state = s.withStep(Step.SUMMARY).withEditing(false);
                    reprompt(r, ctx);
                    return true;
                }
            }
            case PENDING -> {
                Pending pending = s.pending();
                String ticket = data.startsWith(FOLLOW_UP_PREFIX) ? data.substring(FOLLOW_UP_PREFIX.length()) : "";
                // a ticket no longer listed (closed meanwhile) still takes the message: ticket-service opens a
                // linked ticket for one closed for good (R4); only a malformed number is refused
                if (pending != null && TICKET_NUMBER.matcher(ticket).matches()) {
                    r.submit(new Submission(Submission.Kind.FOLLOW_UP, ticket, p.inn(), null, null, null, null,
                            null, pending.text(), null, pending.attachments()));
                    r.state = new DialogueState(Step.IDLE, Draft.EMPTY, p, null, s.answering(), false);
                    r.say("Добавил ваше сообщение к Обращению № " + ticket + ". Специалист его увидит.");
                    return true;
                }
                if (pending != null && PENDING_NEW.equals(data)) {
                    String text = pending.text();
                    Draft draft = Draft.EMPTY.withAttachments(pending.attachments())
                            .withDescription(text != null && validDescription(text) ? text : null);
                    startNew(r, ctx, draft);
                    return true;
                }
            }
            default -> {
            }
        }
        return false;
    }

    private static boolean offers(DialogueState s, String remembered) {
        return remembered != null && !s.editing();
    }

    private static boolean validDescription(String text) {
        return text.length() >= DESCRIPTION_MIN && text.length() <= DESCRIPTION_MAX;
    }

    private static <E extends Enum<E>> Optional<E> enumOf(Class<E> type, String data, String prefix) {
        if (!data.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = data.substring(prefix.length());
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private Optional<GetMarkProcess> processOf(String data) {
        if (data.startsWith(PROCESS_PREFIX)) {
            return processes.byCode(data.substring(PROCESS_PREFIX.length()));
        }
        if (data.startsWith(PROCESS_INDEX_PREFIX)) {
            try {
                int i = Integer.parseInt(data.substring(PROCESS_INDEX_PREFIX.length()));
                List<GetMarkProcess> all = processes.all();
                return i >= 0 && i < all.size() ? Optional.of(all.get(i)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Step editField(String field) {
        return switch (field) {
            case "inn" -> Step.INN;
            case "email" -> Step.EMAIL;
            case "name" -> Step.NAME;
            case "type" -> Step.TYPE;
            case "process" -> Step.PROCESS;
            case "description" -> Step.DESCRIPTION;
            case "impact" -> Step.IMPACT;
            case "files" -> Step.ATTACHMENTS;
            default -> null;
        };
    }

    private void send(Reply r, DialogueContext ctx) {
        DialogueState s = r.state;
        Draft d = s.draft();
        // the summary is reached only with every required field; a state edited by hand is sent back to the step
        Step missing = d.inn() == null || Inn.check(d.inn()).isPresent() ? Step.INN
                : d.name() == null ? Step.NAME
                : d.type() == null ? Step.TYPE
                : d.process() == null ? Step.PROCESS
                : d.description() == null ? Step.DESCRIPTION
                : d.impact() == null ? Step.IMPACT : null;
        if (missing != null) {
            r.state = s.withStep(missing).withEditing(true);
            r.say("Не хватает одного ответа — заполните его, пожалуйста.");
            reprompt(r, ctx);
            return;
        }
        r.submit(new Submission(Submission.Kind.NEW_REQUEST, null, d.inn(), d.email(), d.name(), d.type(),
                d.process(), subjectOf(d.description()), d.description(), d.impact(), d.attachments()));
        r.state = new DialogueState(Step.IDLE, Draft.EMPTY, new Profile(d.inn(), d.email(), d.name()), null,
                s.answering(), false);
        r.say("Обращение отправлено ✅ Номер и срок рассмотрения пришлю сюда в течение минуты."
                + (d.email() != null ? " Уведомления о статусе придут и на " + d.email() + "." : ""));
    }

    /** A short title: the first line of the description, at most 80 characters. */
    static String subjectOf(String description) {
        String first = description.strip().lines().findFirst().orElse("").strip();
        return abbreviate(first, 80);
    }

    private void noticeButton(Reply r, String data, DialogueContext ctx) {
        String ticket = data.substring(2).strip();
        Optional<DialogueContext.OpenTicket> open = ticket.isEmpty() ? Optional.empty() : ctx.ticket(ticket);
        String inn = r.state.profile().inn();
        if (data.startsWith(NoticeButtons.ANSWER)) {
            if (open.isEmpty()) {
                r.say("Обращение № " + ticket + " уже закрыто, ответ не нужен. Если вопрос остался, оформите "
                        + "новое Обращение: /new.");
                reprompt(r, ctx);
                return;
            }
            r.state = r.state.withAnswering(ticket);
            r.say(new BotMessage("Напишите ответ по Обращению № " + ticket + " одним сообщением, можно "
                    + "приложить файлы.", List.of(List.of(new ChatButton("Отмена", ANSWER_DONE)))));
            return;
        }
        if (open.isEmpty() || !open.get().awaitingConfirmation()) {
            r.say("По Обращению № " + ticket + " подтверждение уже не требуется.");
            reprompt(r, ctx);
            return;
        }
        if (data.startsWith(NoticeButtons.CONFIRM)) {
            r.submit(new Submission(Submission.Kind.CONFIRMATION, ticket, inn, null, null, null, null, null,
                    "Клиент подтвердил решение в чате.", null, List.of()));
            r.say("Спасибо, что подтвердили решение! Обращение № " + ticket + " будет закрыто.");
            reprompt(r, ctx);
        } else {
            r.submit(new Submission(Submission.Kind.REJECTION, ticket, inn, null, null, null, null, null,
                    "Клиент сообщил в чате, что решение не помогло.", null, List.of()));
            r.state = r.state.withAnswering(ticket);
            r.say(new BotMessage("Жаль, что решение не помогло. Обращение № " + ticket + " возвращено в работу. "
                    + "Напишите, что именно не так, — это поможет специалисту.",
                    List.of(List.of(new ChatButton("Пропустить", ANSWER_DONE)))));
        }
    }

    // ---- files ----------------------------------------------------------------------------------------------

    private void file(Reply r, ChatInput.File f, DialogueContext ctx) {
        if (f.ref() == null) {
            unsupported(r, "file", ctx);
            return;
        }
        DialogueState s = r.state;
        String caption = f.caption() == null || f.caption().isBlank() ? null : f.caption().strip();
        String name = f.ref().name() == null ? "без имени" : abbreviate(f.ref().name(), 60);
        if (s.answering() != null) {
            r.submit(new Submission(Submission.Kind.FOLLOW_UP, s.answering(), s.profile().inn(), null, null, null,
                    null, null, caption, null, List.of(f.ref())));
            r.say(new BotMessage("Файл «" + name + "» добавлен к Обращению № " + s.answering() + ". Напишите "
                    + "ответ текстом или нажмите «Готово».",
                    List.of(List.of(new ChatButton("Готово", ANSWER_DONE)))));
            return;
        }
        switch (s.step()) {
            case IDLE -> freeMessage(r, new Pending(caption, List.of(f.ref())), ctx);
            case PENDING -> {
                Pending p = s.pending() == null ? new Pending(null, List.of()) : s.pending();
                List<AttachmentRef> files = new ArrayList<>(p.attachments());
                files.add(f.ref());
                String text = caption == null ? p.text() : p.text() == null ? caption : p.text() + "\n" + caption;
                r.state = s.withPending(new Pending(text, files));
                r.say(pendingQuestion(r.state, ctx));
            }
            default -> {
                List<AttachmentRef> files = new ArrayList<>(s.draft().attachments());
                if (files.size() >= MAX_ATTACHMENTS) {
                    r.say("Уже " + MAX_ATTACHMENTS + " файлов — это максимум для одного Обращения. Остальные "
                            + "пришлите в чат после регистрации, они добавятся к Обращению.");
                    reprompt(r, ctx);
                    return;
                }
                files.add(f.ref());
                r.state = s.withDraft(s.draft().withAttachments(files));
                if (s.step() == Step.ATTACHMENTS) {
                    r.say("Файл «" + name + "» получен (всего: " + files.size() + ").");
                } else {
                    r.say("Файл «" + name + "» сохранён, приложу его к Обращению.");
                }
                if (caption != null && (s.step() == Step.INN || s.step() == Step.EMAIL || s.step() == Step.NAME
                        || s.step() == Step.DESCRIPTION || s.step() == Step.ATTACHMENTS)) {
                    text(r, caption, ctx);
                } else {
                    reprompt(r, ctx);
                }
            }
        }
    }

    // ---- unsupported input ----------------------------------------------------------------------------------

    private void unsupported(Reply r, String kind, DialogueContext ctx) {
        String k = kind == null ? "" : kind;
        String text = switch (k) {
            case ChatInput.Unsupported.STICKER -> "Спасибо за стикер 🙂 Но я понимаю только текст, кнопки и файлы.";
            case ChatInput.Unsupported.VOICE, ChatInput.Unsupported.VIDEO_NOTE, ChatInput.Unsupported.AUDIO ->
                    "Голосовые и видеосообщения я пока не понимаю — напишите, пожалуйста, текстом.";
            case ChatInput.Unsupported.VIDEO ->
                    "Видео я принять не могу. Пришлите скриншоты или опишите проблему текстом.";
            case ChatInput.Unsupported.LOCATION, ChatInput.Unsupported.CONTACT ->
                    "Геопозиция и контакты для Обращения не нужны. Ответьте, пожалуйста, текстом или кнопкой.";
            case ChatInput.Unsupported.POLL -> "Опросы я не обрабатываю. Ответьте, пожалуйста, текстом.";
            case ChatInput.Unsupported.FORWARDED -> "Пересланные сообщения я не принимаю: скопируйте нужный "
                    + "текст и отправьте его от своего имени.";
            case ChatInput.Unsupported.EDITED -> "Исправления отправленных сообщений я не вижу. Отправьте "
                    + "исправленный текст новым сообщением.";
            case ChatInput.Unsupported.FILE_TOO_LARGE -> "Файл слишком большой для передачи через чат. Сожмите "
                    + "его или пришлите на help@getmark.ru, указав номер Обращения.";
            default -> "Такое сообщение я не понимаю. Напишите, пожалуйста, текстом или нажмите кнопку.";
        };
        r.say(text);
        reprompt(r, ctx);
    }

    // ---- prompts --------------------------------------------------------------------------------------------

    /** Repeats the current step's prompt, when there is one (nothing at IDLE). */
    private void reprompt(Reply r, DialogueContext ctx) {
        BotMessage prompt = prompt(r.state, ctx);
        if (prompt != null) {
            r.say(prompt);
        }
    }

    private BotMessage prompt(DialogueState s, DialogueContext ctx) {
        if (s.answering() != null) {
            return null;
        }
        Draft d = s.draft();
        Profile p = s.profile();
        List<List<ChatButton>> back = s.editing() ? List.of(List.of(new ChatButton("Назад к сводке", BACK)))
                : List.of();
        return switch (s.step()) {
            case IDLE -> null;
            case PENDING -> s.pending() == null ? null : pendingQuestion(s, ctx);
            case INN -> offers(s, p.inn())
                    ? offer(1, "Ваш ИНН " + p.inn() + "?", "Использовать ИНН " + p.inn())
                    : new BotMessage(stepTitle(1) + "Введите ИНН организации (10 цифр) или ИП (12 цифр)."
                    + current(s, d.inn()) + (s.editing() ? "" : "\nОтменить оформление — /cancel."), back);
            case EMAIL -> offers(s, p.email())
                    ? offer(2, "Присылать уведомления о статусе на " + p.email() + "?", "Использовать " + p.email())
                    : new BotMessage(stepTitle(2) + "Укажите email: туда придут уведомления о статусе Обращения. Можно "
                    + "пропустить, но мы рекомендуем указать."
                    + current(s, d.email()), rows(List.of(new ChatButton("Пропустить", SKIP)), back));
            case NAME -> offers(s, p.name())
                    ? offer(3, "Обращение от «" + p.name() + "»?", "Использовать «" + p.name() + "»")
                    : new BotMessage(stepTitle(3) + "Как к вам обращаться? ФИО или название организации."
                    + current(s, d.name()), back);
            case TYPE -> new BotMessage(stepTitle(4) + "Выберите тип Обращения:" + current(s,
                    d.type() == null ? null : d.type().label()), rows(typeRows(), back));
            case PROCESS -> new BotMessage(stepTitle(5) + "Какого процесса GetMark касается Обращение?"
                    + current(s, processName(d.process())), rows(processRows(), back));
            case DESCRIPTION -> d.description() != null && validDescription(d.description())
                    ? new BotMessage(stepTitle(6) + "Описание:\n«" + abbreviate(d.description(), 500)
                    + "»\nОставить его или напишите новое.",
                    rows(List.of(new ChatButton("Оставить", KEEP)), back))
                    : new BotMessage(stepTitle(6) + "Опишите, что произошло: что делали, какой документ, текст "
                    + "ошибки (от " + DESCRIPTION_MIN + " до " + DESCRIPTION_MAX + " символов).", back);
            case IMPACT -> new BotMessage(stepTitle(7) + "Как проблема влияет на вашу работу?"
                    + current(s, d.impact() == null ? null : d.impact().label()), rows(impactRows(), back));
            case ATTACHMENTS -> new BotMessage(stepTitle(8) + "Приложите скриншоты, логи или файлы отчётов, если "
                    + "есть (до " + MAX_ATTACHMENTS + "). " + (d.attachments().isEmpty() ? "Файлов пока нет."
                    : "Файлов: " + d.attachments().size() + ".") + " Когда закончите, нажмите «Готово».",
                    d.attachments().isEmpty() ? List.of(List.of(new ChatButton("Готово", DONE)))
                            : List.of(List.of(new ChatButton("Готово", DONE),
                            new ChatButton("Убрать файлы", CLEAR))));
            case SUMMARY -> new BotMessage(summary(d), List.of(
                    List.of(new ChatButton("Отправить", SEND), new ChatButton("Изменить", EDIT)),
                    List.of(new ChatButton("Отменить", CANCEL))));
            case EDIT -> new BotMessage("Что изменить?", List.of(
                    List.of(new ChatButton("ИНН", EDIT_PREFIX + "inn"), new ChatButton("Email", EDIT_PREFIX + "email"),
                            new ChatButton("Имя", EDIT_PREFIX + "name")),
                    List.of(new ChatButton("Тип", EDIT_PREFIX + "type"),
                            new ChatButton("Процесс", EDIT_PREFIX + "process")),
                    List.of(new ChatButton("Описание", EDIT_PREFIX + "description"),
                            new ChatButton("Влияние", EDIT_PREFIX + "impact"),
                            new ChatButton("Файлы", EDIT_PREFIX + "files")),
                    List.of(new ChatButton("Назад к сводке", BACK))));
        };
    }

    private static BotMessage offer(int step, String question, String useLabel) {
        return new BotMessage(stepTitle(step) + question, List.of(List.of(
                new ChatButton(abbreviate(useLabel, 60), USE), new ChatButton("Изменить", CHANGE))));
    }

    private static String stepTitle(int n) {
        return "Шаг " + n + " из 8. ";
    }

    private static String current(DialogueState s, String value) {
        return s.editing() && value != null ? "\nСейчас: " + abbreviate(value, 200) : "";
    }

    private static List<List<ChatButton>> rows(Object... parts) {
        List<List<ChatButton>> rows = new ArrayList<>();
        for (Object part : parts) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) part;
            if (list.isEmpty()) {
                continue;
            }
            if (list.get(0) instanceof ChatButton) {
                @SuppressWarnings("unchecked")
                List<ChatButton> row = (List<ChatButton>) part;
                rows.add(row);
            } else {
                @SuppressWarnings("unchecked")
                List<List<ChatButton>> more = (List<List<ChatButton>>) part;
                rows.addAll(more);
            }
        }
        return rows;
    }

    private static List<List<ChatButton>> typeRows() {
        TicketType[] t = TicketType.values();
        List<List<ChatButton>> rows = new ArrayList<>();
        for (int i = 0; i < t.length; i += 2) {
            List<ChatButton> row = new ArrayList<>();
            for (int j = i; j < Math.min(i + 2, t.length); j++) {
                row.add(new ChatButton(t[j].label(), TYPE_PREFIX + t[j].name()));
            }
            rows.add(row);
        }
        return rows;
    }

    private List<List<ChatButton>> processRows() {
        List<GetMarkProcess> all = processes.all();
        List<List<ChatButton>> rows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            GetMarkProcess process = all.get(i);
            String data = fits(PROCESS_PREFIX + process.code()) ? PROCESS_PREFIX + process.code()
                    : PROCESS_INDEX_PREFIX + i;
            rows.add(List.of(new ChatButton(process.name(), data)));
        }
        return rows;
    }

    private static List<List<ChatButton>> impactRows() {
        List<List<ChatButton>> rows = new ArrayList<>();
        for (Impact impact : Impact.values()) {
            rows.add(List.of(new ChatButton(impact.label(), IMPACT_PREFIX + impact.name())));
        }
        return rows;
    }

    private String processName(String code) {
        if (code == null) {
            return null;
        }
        return processes.byCode(code).map(GetMarkProcess::name).orElse(code);
    }

    private String summary(Draft d) {
        return "Проверьте Обращение:\n"
                + "ИНН: " + orDash(d.inn()) + "\n"
                + "Email: " + (d.email() == null ? "не указан" : d.email()) + "\n"
                + "ФИО / организация: " + orDash(d.name()) + "\n"
                + "Тип: " + (d.type() == null ? "—" : d.type().label()) + "\n"
                + "Процесс: " + orDash(processName(d.process())) + "\n"
                + "Влияние на работу: " + (d.impact() == null ? "—" : d.impact().label()) + "\n"
                + "Файлы: " + (d.attachments().isEmpty() ? "нет" : String.valueOf(d.attachments().size())) + "\n"
                + "Описание: " + orDash(d.description() == null ? null : abbreviate(d.description(), 3000))
                + "\n\nВсё верно?";
    }

    private static String orDash(String s) {
        return s == null ? "—" : s;
    }

    private static String status(DialogueContext ctx) {
        List<DialogueContext.OpenTicket> open = ctx.openTickets();
        if (open.isEmpty()) {
            return "Открытых Обращений нет. Новое Обращение — /new.";
        }
        StringBuilder sb = new StringBuilder("Ваши открытые Обращения:");
        for (DialogueContext.OpenTicket t : open.subList(0, Math.min(open.size(), MAX_STATUS_LINES))) {
            sb.append("\n№ ").append(t.number()).append(" — ")
                    .append(t.statusLabel() == null ? "статус уточняется" : t.statusLabel());
            if (t.deadline() != null) {
                sb.append(", срок: ").append(MoscowTime.format(t.deadline()));
            }
            if (t.awaitingAnswer()) {
                sb.append(" — ждём вашего ответа");
            } else if (t.awaitingConfirmation()) {
                sb.append(" — ждём подтверждения решения");
            }
        }
        if (open.size() > MAX_STATUS_LINES) {
            sb.append("\n… и ещё ").append(open.size() - MAX_STATUS_LINES);
        }
        return sb.toString();
    }

    private static boolean fits(String data) {
        return data.getBytes(StandardCharsets.UTF_8).length <= ChatButton.MAX_DATA_BYTES;
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The turn being built. */
    private static final class Reply {
        DialogueState state;
        final List<BotMessage> messages = new ArrayList<>();
        final List<Submission> submissions = new ArrayList<>();

        Reply(DialogueState state) {
            this.state = state;
        }

        void say(String text) {
            messages.add(BotMessage.text(text));
        }

        void say(BotMessage message) {
            messages.add(message);
        }

        void submit(Submission submission) {
            submissions.add(submission);
        }
    }
}
