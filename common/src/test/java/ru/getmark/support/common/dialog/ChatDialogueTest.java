package ru.getmark.support.common.dialog;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import ru.getmark.support.common.dialog.DialogueState.Step;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.ChannelAction;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.ReplyAddress;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.inn.Inn;
import ru.getmark.support.common.process.GetMarkProcess;
import ru.getmark.support.common.process.ProcessDirectory;
import ru.getmark.support.common.time.MoscowTime;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.getmark.support.common.dialog.Fixtures.INN;

class ChatDialogueTest {

    private static final String DESCRIPTION = "Не печатаются этикетки на принтере Zebra, ошибка 42";

    @Test
    @DisplayName("R1 R3: a full new request, step by step, makes one NEW_REQUEST with every field")
    void r1_r3_fullDialogue() {
        Chat chat = new Chat();
        chat.command("/start");
        assertThat(chat.allText()).contains("Здравствуйте").contains("Обращение");
        chat.pressLabel("Новое обращение");
        assertThat(chat.step()).isEqualTo(Step.INN);
        assertThat(chat.allText()).contains("Шаг 1 из 8").contains("ИНН");

        chat.text(" 7707 083 893 ");
        assertThat(chat.step()).isEqualTo(Step.EMAIL);
        assertThat(chat.labels()).containsExactly("Пропустить");
        chat.text("buh@romashka.ru");
        assertThat(chat.step()).isEqualTo(Step.NAME);
        chat.text("ООО  «Ромашка»");
        assertThat(chat.step()).isEqualTo(Step.TYPE);
        assertThat(chat.labels()).containsExactly("Консультация", "Ошибка ПО", "Запрос на изменение",
                "Корректировка данных");
        chat.pressLabel("Ошибка ПО");
        assertThat(chat.step()).isEqualTo(Step.PROCESS);
        assertThat(chat.labels()).contains("Печать этикеток", "Другое");
        chat.pressLabel("Печать этикеток");
        assertThat(chat.step()).isEqualTo(Step.DESCRIPTION);
        chat.text(DESCRIPTION);
        assertThat(chat.step()).isEqualTo(Step.IMPACT);
        assertThat(chat.labels()).containsExactly("Останавливает работу", "Мешает работе", "Не влияет на работу");
        chat.pressLabel("Останавливает работу");
        assertThat(chat.step()).isEqualTo(Step.ATTACHMENTS);
        chat.send(new ChatInput.File(Chat.file("screen.png", 1)));
        chat.send(new ChatInput.File(Chat.file("log.txt", 2)));
        assertThat(chat.allText()).contains("«log.txt»").contains("всего: 2");
        chat.pressLabel("Готово");
        assertThat(chat.step()).isEqualTo(Step.SUMMARY);
        assertThat(chat.allText()).contains("ИНН: 7707083893", "Email: buh@romashka.ru", "ООО «Ромашка»",
                "Тип: Ошибка ПО", "Процесс: Печать этикеток", "Влияние на работу: Останавливает работу",
                "Файлы: 2", DESCRIPTION);
        assertThat(chat.published).isEmpty();

        chat.pressLabel("Отправить");
        assertThat(chat.step()).isEqualTo(Step.IDLE);
        assertThat(chat.allText()).contains("Обращение отправлено").contains("buh@romashka.ru");
        assertThat(chat.published).hasSize(1);
        Submission s = chat.published.get(0);
        assertThat(s.kind()).isEqualTo(Submission.Kind.NEW_REQUEST);
        assertThat(s.inn()).isEqualTo(INN);
        assertThat(s.type()).isEqualTo(TicketType.SOFTWARE_BUG);
        assertThat(s.process()).isEqualTo("labels.print");
        assertThat(s.impact()).isEqualTo(Impact.STOPS_OPERATIONS);
        assertThat(s.text()).isEqualTo(DESCRIPTION);
        assertThat(s.subject()).isEqualTo(DESCRIPTION);
        assertThat(s.attachments()).extracting(a -> a.name()).containsExactly("screen.png", "log.txt");

        IntakeMessage m = s.toIntakeMessage("tg-1001", Channel.TELEGRAM, Chat.NOW,
                new CustomerContact("Иван", null, null, 555L, null), new ReplyAddress(Channel.TELEGRAM, "555"));
        assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.NEW_REQUEST);
        assertThat(m.inn()).isEqualTo(INN);
        assertThat(m.ticketNumber()).isNull();
        assertThat(m.customer().name()).isEqualTo("ООО «Ромашка»");
        assertThat(m.customer().email()).isEqualTo("buh@romashka.ru");
        assertThat(m.customer().telegramChatId()).isEqualTo(555L);
        assertThat(m.key()).isEqualTo(INN);
        assertThat(m.attachments()).hasSize(2);
        assertThat(chat.state.profile()).isEqualTo(new DialogueState.Profile(INN, "buh@romashka.ru",
                "ООО «Ромашка»"));
    }

    @ParameterizedTest
    @EnumSource(value = Inn.Problem.class)
    @DisplayName("R1: a wrong ИНН is refused with what is wrong, and the step is asked again")
    void r1_innProblems(Inn.Problem problem) {
        String input = switch (problem) {
            case MISSING -> "   ";
            case NOT_DIGITS -> "77O7083893";
            case WRONG_LENGTH -> "770708389";
            case ALL_ZEROS -> "0000000000";
            case CHECK_DIGIT -> "7707083894";
        };
        Chat chat = new Chat().upTo(Step.INN);
        chat.text(input);
        assertThat(chat.step()).isEqualTo(Step.INN);
        if (problem == Inn.Problem.MISSING) {
            assertThat(chat.allText()).contains("Пустое сообщение");
        } else {
            assertThat(chat.last.messages().get(0).text()).contains(problem.message());
        }
        assertThat(chat.lastMessage().text()).contains("Введите ИНН");
        chat.text(Fixtures.INN12);
        assertThat(chat.step()).isEqualTo(Step.EMAIL);
        assertThat(chat.state.draft().inn()).isEqualTo(Fixtures.INN12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"buh@", "buh romashka.ru", "@romashka.ru", "buh@romashka", "buh@romashka.r"})
    @DisplayName("R3: a wrong email is refused, the customer may retype or skip")
    void r3_emailValidation(String email) {
        Chat chat = new Chat().upTo(Step.EMAIL);
        chat.text(email);
        assertThat(chat.step()).isEqualTo(Step.EMAIL);
        assertThat(chat.allText()).contains("name@company.ru");
        chat.text("пропустить");
        assertThat(chat.step()).isEqualTo(Step.NAME);
        assertThat(chat.state.draft().email()).isNull();
        assertThat(chat.state.draft().emailAsked()).isTrue();
    }

    @Test
    @DisplayName("R3: email skipped by the button; the summary says it is not given")
    void r3_emailSkip() {
        Chat chat = new Chat().upTo(Step.EMAIL);
        chat.pressLabel("Пропустить");
        chat.upToSummaryFromHere();
        assertThat(chat.allText()).contains("Email: не указан");
        chat.pressLabel("Отправить");
        assertThat(chat.published.get(0).email()).isNull();
        assertThat(chat.allText()).doesNotContain("придут и на");
    }

    @Test
    @DisplayName("R3: the name must be 2 to 200 characters")
    void r3_nameValidation() {
        Chat chat = new Chat().upTo(Step.NAME);
        chat.text("Я");
        assertThat(chat.step()).isEqualTo(Step.NAME);
        assertThat(chat.allText()).contains("Слишком коротко");
        chat.text("Ф".repeat(201));
        assertThat(chat.step()).isEqualTo(Step.NAME);
        assertThat(chat.allText()).contains("Слишком длинно (201");
        chat.text("ИП Петров");
        assertThat(chat.step()).isEqualTo(Step.TYPE);
    }

    @Test
    @DisplayName("R3 R6: the type is chosen by button, by its word or by its number (WhatsApp); other text repeats the step")
    void r3_typeChoice() {
        Chat chat = new Chat().upTo(Step.TYPE);
        chat.text("ну что-то сломалось");
        assertThat(chat.step()).isEqualTo(Step.TYPE);
        assertThat(chat.allText()).contains("Выберите вариант кнопкой");
        chat.text("корректировка данных");
        assertThat(chat.state.draft().type()).isEqualTo(TicketType.DATA_CORRECTION);
        Chat second = new Chat().upTo(Step.TYPE);
        second.text("1");
        assertThat(second.state.draft().type()).isEqualTo(TicketType.CONSULTATION);
        Chat third = new Chat().upTo(Step.TYPE);
        third.text("9");
        assertThat(third.step()).isEqualTo(Step.TYPE);
    }

    @Test
    @DisplayName("R3: the process buttons are the built-in directory, «Другое» included (code other)")
    void r3_processDirectory() {
        Chat chat = new Chat().upTo(Step.PROCESS);
        List<GetMarkProcess> all = ProcessDirectory.builtIn().all();
        assertThat(chat.labels()).containsExactlyElementsOf(all.stream().map(GetMarkProcess::name).toList());
        chat.pressLabel("Другое");
        assertThat(chat.state.draft().process()).isEqualTo(ProcessDirectory.OTHER);
        assertThat(chat.step()).isEqualTo(Step.DESCRIPTION);
        Chat byNumber = new Chat().upTo(Step.PROCESS);
        byNumber.text(String.valueOf(all.size()));
        assertThat(byNumber.state.draft().process()).isEqualTo(ProcessDirectory.OTHER);
        Chat unknown = new Chat().upTo(Step.PROCESS);
        unknown.press("p:no.such.process");
        assertThat(unknown.step()).isEqualTo(Step.PROCESS);
        assertThat(unknown.allText()).contains(ChatDialogue.OLD_BUTTON);
    }

    @Test
    @DisplayName("R3: a process directory with long codes still gets buttons within 64 bytes")
    void r3_longProcessCodes() throws Exception {
        String tsv = "very.long.process.code.that.does.not.fit.into.telegram.callback.data.x\tДлинный\tдлин\n"
                + "other\tДругое\t\n";
        ProcessDirectory directory = ProcessDirectory.load(new java.io.ByteArrayInputStream(
                tsv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        ChatDialogue dialogue = new ChatDialogue(directory);
        DialogueState state = new DialogueState(Step.PROCESS, DialogueState.Draft.EMPTY,
                DialogueState.Profile.EMPTY, null, null, false);
        Turn turn = dialogue.handle(state, new ChatInput.Button("x"), DialogueContext.of(Chat.NOW));
        Chat.check(turn);
        String data = turn.messages().get(turn.messages().size() - 1).buttons().get(0).data();
        Turn chosen = dialogue.handle(state, new ChatInput.Button(data), DialogueContext.of(Chat.NOW));
        assertThat(chosen.state().draft().process()).startsWith("very.long.process.code");
    }

    @Test
    @DisplayName("R3: the description must be 10 to 3000 characters; longer text is sent to a file")
    void r3_descriptionLength() {
        Chat chat = new Chat().upTo(Step.DESCRIPTION);
        chat.text("ошибка");
        assertThat(chat.step()).isEqualTo(Step.DESCRIPTION);
        assertThat(chat.allText()).contains("не меньше 10 символов");
        chat.text("x".repeat(3001));
        assertThat(chat.step()).isEqualTo(Step.DESCRIPTION);
        assertThat(chat.allText()).contains("3001 символов, максимум 3000").contains("файлом");
        chat.text("y".repeat(3000));
        assertThat(chat.step()).isEqualTo(Step.IMPACT);
    }

    @Test
    @DisplayName("R3: impact by button or by number")
    void r3_impact() {
        Chat chat = new Chat().upTo(Step.IMPACT);
        chat.text("3");
        assertThat(chat.state.draft().impact()).isEqualTo(Impact.NO_EFFECT);
        assertThat(chat.step()).isEqualTo(Step.ATTACHMENTS);
    }

    @Test
    @DisplayName("R3: attachments: files, «Готово» by word, a text joins the description, at most 10, clear")
    void r3_attachments() {
        Chat chat = new Chat().upTo(Step.ATTACHMENTS);
        assertThat(chat.labels()).containsExactly("Готово");
        chat.text("Ещё: принтер Zebra ZT410");
        assertThat(chat.allText()).contains("Добавил этот текст к описанию");
        assertThat(chat.state.draft().description()).isEqualTo(DESCRIPTION + "\nЕщё: принтер Zebra ZT410");
        for (int i = 0; i < ChatDialogue.MAX_ATTACHMENTS; i++) {
            chat.send(new ChatInput.File(Chat.file("f" + i + ".png", i)));
        }
        assertThat(chat.labels()).containsExactly("Готово", "Убрать файлы");
        chat.send(new ChatInput.File(Chat.file("extra.png", 99)));
        assertThat(chat.allText()).contains("это максимум");
        assertThat(chat.state.draft().attachments()).hasSize(ChatDialogue.MAX_ATTACHMENTS);
        chat.text("x".repeat(2990));
        assertThat(chat.allText()).contains("не поместится");
        chat.pressLabel("Убрать файлы");
        assertThat(chat.state.draft().attachments()).isEmpty();
        chat.text("готово");
        assertThat(chat.step()).isEqualTo(Step.SUMMARY);
        assertThat(chat.allText()).contains("Файлы: нет");
    }

    @Test
    @DisplayName("R3: a file sent before the attachments step is kept, and its caption answers a text step")
    void r3_fileEarly() {
        Chat chat = new Chat().upTo(Step.DESCRIPTION);
        chat.send(new ChatInput.File(Chat.file("err.png", 1), DESCRIPTION));
        assertThat(chat.allText()).contains("«err.png» сохранён");
        assertThat(chat.step()).isEqualTo(Step.IMPACT);
        assertThat(chat.state.draft().description()).isEqualTo(DESCRIPTION);
        assertThat(chat.state.draft().attachments()).hasSize(1);
        chat.send(new ChatInput.File(Chat.file("two.png", 2)));
        assertThat(chat.step()).isEqualTo(Step.IMPACT);
        assertThat(chat.lastMessage().text()).contains("влияет");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inn", "email", "name", "type", "process", "description", "impact", "files"})
    @DisplayName("R3: every field can be changed from the summary, which comes back afterwards")
    void r3_editFromSummary(String field) {
        Chat chat = new Chat().upTo(Step.SUMMARY);
        chat.pressLabel("Изменить");
        assertThat(chat.step()).isEqualTo(Step.EDIT);
        chat.press("e:" + field);
        assertThat(chat.state.editing()).isTrue();
        assertThat(chat.labels()).contains("files".equals(field) ? "Готово" : "Назад к сводке");
        switch (field) {
            case "inn" -> chat.text(Fixtures.INN12);
            case "email" -> chat.text("new@romashka.ru");
            case "name" -> chat.text("ИП Петров");
            case "type" -> chat.pressLabel("Консультация");
            case "process" -> chat.pressLabel("Ввод в оборот");
            case "description" -> chat.text("Совсем другое описание проблемы");
            case "impact" -> chat.pressLabel("Мешает работе");
            case "files" -> {
                chat.file("new.png");
                chat.pressLabel("Готово");
            }
            default -> throw new AssertionError(field);
        }
        assertThat(chat.step()).isEqualTo(Step.SUMMARY);
        assertThat(chat.state.editing()).isFalse();
        String summary = chat.lastMessage().text();
        switch (field) {
            case "inn" -> assertThat(summary).contains("ИНН: " + Fixtures.INN12);
            case "email" -> assertThat(summary).contains("Email: new@romashka.ru");
            case "name" -> assertThat(summary).contains("ИП Петров");
            case "type" -> assertThat(summary).contains("Тип: Консультация");
            case "process" -> assertThat(summary).contains("Процесс: Ввод в оборот");
            case "description" -> assertThat(summary).contains("Совсем другое описание проблемы");
            case "impact" -> assertThat(summary).contains("Влияние на работу: Мешает работе");
            case "files" -> assertThat(summary).contains("Файлы: 1");
            default -> throw new AssertionError(field);
        }
        chat.pressLabel("Отправить");
        assertThat(chat.published).hasSize(1);
    }

    @Test
    @DisplayName("R3: editing shows the current value; «Назад к сводке» keeps it; description offers «Оставить»")
    void r3_editBack() {
        Chat chat = new Chat().upTo(Step.SUMMARY);
        chat.pressLabel("Изменить");
        chat.pressLabel("ИНН");
        assertThat(chat.lastMessage().text()).contains("Сейчас: " + INN);
        chat.pressLabel("Назад к сводке");
        assertThat(chat.step()).isEqualTo(Step.SUMMARY);
        chat.pressLabel("Изменить");
        chat.pressLabel("Описание");
        assertThat(chat.labels()).containsExactly("Оставить", "Назад к сводке");
        chat.pressLabel("Оставить");
        assertThat(chat.step()).isEqualTo(Step.SUMMARY);
        chat.pressLabel("Изменить");
        chat.pressLabel("Назад к сводке");
        assertThat(chat.step()).isEqualTo(Step.SUMMARY);
        assertThat(chat.state.draft().inn()).isEqualTo(INN);
    }

    @Test
    @DisplayName("R1 R3: ИНН, email and name are remembered and offered on the next request, with «Изменить»")
    void r1_rememberedProfile() {
        Chat chat = new Chat().upTo(Step.SUMMARY);
        chat.pressLabel("Отправить");
        chat.command("/new");
        assertThat(chat.lastMessage().text()).contains("Ваш ИНН " + INN);
        assertThat(chat.labels()).containsExactly("Использовать ИНН " + INN, "Изменить");
        chat.pressLabel("Использовать ИНН " + INN);
        assertThat(chat.step()).isEqualTo(Step.EMAIL);
        assertThat(chat.labels()).containsExactly("Использовать buh@romashka.ru", "Изменить");
        chat.pressLabel("Изменить");
        assertThat(chat.lastMessage().text()).contains("Введите email");
        chat.text("new@romashka.ru");
        assertThat(chat.step()).isEqualTo(Step.NAME);
        assertThat(chat.labels()).containsExactly("Использовать «ООО «Ромашка»»", "Изменить");
        chat.text("использовать «ооо «ромашка»»");
        assertThat(chat.step()).isEqualTo(Step.TYPE);
        chat.upToSummaryFromHere();
        chat.pressLabel("Отправить");
        Submission second = chat.published.get(1);
        assertThat(second.inn()).isEqualTo(INN);
        assertThat(second.email()).isEqualTo("new@romashka.ru");
        assertThat(second.name()).isEqualTo("ООО «Ромашка»");
        assertThat(chat.state.profile().email()).isEqualTo("new@romashka.ru");

        chat.command("/new");
        chat.pressLabel("Изменить");
        assertThat(chat.step()).isEqualTo(Step.INN);
        chat.text("123");
        assertThat(chat.allText()).contains(Inn.Problem.WRONG_LENGTH.message());
        chat.text(Fixtures.INN12);
        assertThat(chat.state.draft().inn()).isEqualTo(Fixtures.INN12);
    }

    @ParameterizedTest
    @EnumSource(value = Step.class, names = {"INN", "EMAIL", "NAME", "TYPE", "PROCESS", "DESCRIPTION", "IMPACT",
            "ATTACHMENTS", "SUMMARY", "EDIT"})
    @DisplayName("R3: /cancel (or «отмена») abandons the request at any step; nothing is sent, the profile stays")
    void r3_cancelAtEveryStep(Step step) {
        Chat chat = new Chat().upTo(Step.SUMMARY);
        chat.pressLabel("Отправить");
        chat.upTo(step);
        chat.command("/cancel");
        assertThat(chat.step()).isEqualTo(Step.IDLE);
        assertThat(chat.allText()).contains("Отменено, ничего не отправлено");
        assertThat(chat.state.draft()).isEqualTo(DialogueState.Draft.EMPTY);
        assertThat(chat.state.profile().inn()).isEqualTo(INN);
        assertThat(chat.published).hasSize(1);
        chat.upTo(step);
        chat.text("Отмена");
        assertThat(chat.step()).isEqualTo(Step.IDLE);
        assertThat(chat.published).hasSize(1);
    }

    @Test
    @DisplayName("R3: /cancel with nothing to cancel says so; /new in the middle starts over")
    void r3_cancelNothingAndRestart() {
        Chat chat = new Chat();
        chat.command("/cancel");
        assertThat(chat.allText()).contains("Отменять нечего");
        chat.upTo(Step.DESCRIPTION);
        chat.command("/new");
        assertThat(chat.allText()).contains("заново");
        assertThat(chat.step()).isEqualTo(Step.INN);
        assertThat(chat.state.draft()).isEqualTo(DialogueState.Draft.EMPTY);
    }

    @Test
    @DisplayName("R4: a message outside a dialogue asks which open ticket it belongs to and becomes a follow-up")
    void r4_followUpQuestion() {
        Chat chat = new Chat().withTickets(Fixtures.inWork("1042"), Fixtures.inWork("1040"));
        chat.state = new DialogueState(Step.IDLE, DialogueState.Draft.EMPTY,
                new DialogueState.Profile(INN, null, "Иван"), null, null, false);
        chat.text("Принтер снова не печатает");
        assertThat(chat.step()).isEqualTo(Step.PENDING);
        assertThat(chat.lastMessage().text()).contains("К какому Обращению");
        assertThat(chat.labels()).containsExactly("К обращению № 1042 (В работе)", "К обращению № 1040 (В работе)",
                "Новое обращение", "Отмена");
        chat.file("photo.jpg");
        chat.text("и ещё вот это");
        assertThat(chat.step()).isEqualTo(Step.PENDING);
        chat.pressLabel("К обращению № 1040 (В работе)");
        assertThat(chat.step()).isEqualTo(Step.IDLE);
        assertThat(chat.allText()).contains("№ 1040");
        Submission s = chat.published.get(0);
        assertThat(s.kind()).isEqualTo(Submission.Kind.FOLLOW_UP);
        assertThat(s.ticketNumber()).isEqualTo("1040");
        assertThat(s.text()).isEqualTo("Принтер снова не печатает\nи ещё вот это");
        assertThat(s.attachments()).hasSize(1);
        IntakeMessage m = s.toIntakeMessage("tg-7", Channel.TELEGRAM, Chat.NOW,
                new CustomerContact("Иван", null, null, 5L, null), new ReplyAddress(Channel.TELEGRAM, "5"));
        assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.FOLLOW_UP);
        assertThat(m.ticketNumber()).isEqualTo("1040");
        assertThat(m.inn()).isEqualTo(INN);
        assertThat(m.customer().name()).isEqualTo("Иван");
    }

    @Test
    @DisplayName("R4: at most five tickets are offered; a number answers the question (WhatsApp)")
    void r4_fewTicketButtons() {
        Chat chat = new Chat().withTickets(Fixtures.inWork("1"), Fixtures.inWork("2"), Fixtures.inWork("3"),
                Fixtures.inWork("4"), Fixtures.inWork("5"), Fixtures.inWork("6"), Fixtures.inWork("7"));
        chat.text("ещё вопрос по поводу обращения");
        assertThat(chat.lastMessage().buttons()).hasSize(ChatDialogue.MAX_TICKET_BUTTONS + 2);
        chat.text("2");
        assertThat(chat.published).singleElement().extracting(Submission::ticketNumber).isEqualTo("2");
    }

    @Test
    @DisplayName("R4: «Новое обращение» from a free message starts the dialogue with the text as description")
    void r4_pendingToNewRequest() {
        Chat chat = new Chat().withTickets(Fixtures.inWork("1042"));
        chat.text(DESCRIPTION);
        chat.pressLabel("Новое обращение");
        assertThat(chat.step()).isEqualTo(Step.INN);
        chat.upToStep(Step.DESCRIPTION);
        assertThat(chat.lastMessage().text()).contains(DESCRIPTION);
        chat.pressLabel("Оставить");
        assertThat(chat.step()).isEqualTo(Step.IMPACT);
        assertThat(chat.state.draft().description()).isEqualTo(DESCRIPTION);
    }

    @Test
    @DisplayName("R4: without open tickets a free message or file offers a new request; Отмена drops it")
    void r4_noOpenTickets() {
        Chat chat = new Chat();
        chat.file("scan.pdf");
        assertThat(chat.lastMessage().text()).contains("Открытых Обращений нет");
        assertThat(chat.labels()).containsExactly("Новое обращение", "Отмена");
        chat.pressLabel("Отмена");
        assertThat(chat.step()).isEqualTo(Step.IDLE);
        assertThat(chat.state.pending()).isNull();
        chat.text("привет");
        chat.pressLabel("Новое обращение");
        assertThat(chat.state.draft().description()).isNull();
        assertThat(chat.published).isEmpty();
    }

    @Test
    @DisplayName("R12: «Решение подтверждаю» publishes a CONFIRMATION of the ticket")
    void r12_confirm() {
        Chat chat = new Chat().withTickets(Fixtures.awaitingConfirmation("1042"));
        ChatButton button = NoticeButtons.button(ChannelAction.of(ChannelAction.CONFIRM_SOLUTION, "Подтверждаю"),
                "1042").orElseThrow();
        assertThat(button.data()).isEqualTo("c:1042");
        chat.press(button.data());
        assertThat(chat.allText()).contains("Спасибо, что подтвердили решение").contains("1042");
        Submission s = chat.published.get(0);
        assertThat(s.kind()).isEqualTo(Submission.Kind.CONFIRMATION);
        IntakeMessage m = s.toIntakeMessage("tg-9", Channel.TELEGRAM, Chat.NOW,
                new CustomerContact("Иван", null, null, 5L, null), null);
        assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.CONFIRMATION);
        assertThat(m.ticketNumber()).isEqualTo("1042");
        assertThat(m.key()).isEqualTo("1042");
    }

    @Test
    @DisplayName("R12: «Не помогло» publishes a FOLLOW_UP (back to work) and the next text is its reason")
    void r12_reject() {
        Chat chat = new Chat().withTickets(Fixtures.awaitingConfirmation("1042"));
        chat.press(NoticeButtons.data(ChannelAction.REJECT_SOLUTION, "1042"));
        assertThat(chat.allText()).contains("возвращено в работу");
        Submission s = chat.published.get(0);
        assertThat(s.kind()).isEqualTo(Submission.Kind.REJECTION);
        assertThat(s.toIntakeMessage("tg-10", Channel.WHATSAPP, Chat.NOW, CustomerContact.of("И", null, null), null)
                .kind()).isEqualTo(IntakeMessage.Kind.FOLLOW_UP);
        assertThat(chat.state.answering()).isEqualTo("1042");
        chat.text("Этикетки печатаются, но криво");
        assertThat(chat.published).hasSize(2);
        assertThat(chat.published.get(1).kind()).isEqualTo(Submission.Kind.FOLLOW_UP);
        assertThat(chat.published.get(1).text()).isEqualTo("Этикетки печатаются, но криво");
        assertThat(chat.state.answering()).isNull();
        Chat skip = new Chat().withTickets(Fixtures.awaitingConfirmation("1042"));
        skip.press("r:1042");
        skip.pressLabel("Пропустить");
        assertThat(skip.state.answering()).isNull();
        assertThat(skip.published).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c:1042", "r:1042", "c:9999", "r:", "c:"})
    @DisplayName("R12: confirm / reject of a ticket not awaiting confirmation (an old notice) publishes nothing")
    void r12_oldConfirmationButtons(String data) {
        Chat chat = new Chat().withTickets(Fixtures.inWork("1042"));
        chat.press(data);
        assertThat(chat.allText()).contains("подтверждение уже не требуется");
        assertThat(chat.published).isEmpty();
        assertThat(chat.state.answering()).isNull();
    }

    @Test
    @DisplayName("R11: «Ответить» makes the next text a FOLLOW_UP answering the information request")
    void r11_answer() {
        Chat chat = new Chat().withTickets(Fixtures.awaitingAnswer("1042"));
        chat.press(NoticeButtons.button(ChannelAction.of(ChannelAction.ANSWER, "Ответить"), "1042").orElseThrow()
                .data());
        assertThat(chat.allText()).contains("Напишите ответ по Обращению № 1042");
        chat.file("export.xlsx");
        assertThat(chat.allText()).contains("добавлен к Обращению № 1042");
        assertThat(chat.published).hasSize(1);
        assertThat(chat.published.get(0).attachments()).hasSize(1);
        chat.text("Версия 1С: 8.3.24, ошибка появляется при выгрузке");
        assertThat(chat.published).hasSize(2);
        Submission s = chat.published.get(1);
        assertThat(s.kind()).isEqualTo(Submission.Kind.FOLLOW_UP);
        assertThat(s.ticketNumber()).isEqualTo("1042");
        assertThat(chat.state.answering()).isNull();
        assertThat(chat.allText()).contains("ответ добавлен");
        chat.text("ещё одно сообщение");
        assertThat(chat.step()).as("after the answer, free text asks again").isEqualTo(Step.PENDING);
    }

    @Test
    @DisplayName("R11: «Ответить» in the middle of a new request keeps the draft; «Отмена» ends answering")
    void r11_answerMidDialogue() {
        Chat chat = new Chat().withTickets(Fixtures.awaitingAnswer("1042")).upTo(Step.NAME);
        chat.press("a:1042");
        chat.text("Ответ на вопрос специалиста");
        assertThat(chat.published).singleElement().extracting(Submission::ticketNumber).isEqualTo("1042");
        assertThat(chat.step()).isEqualTo(Step.NAME);
        assertThat(chat.lastMessage().text()).contains("Как к вам обращаться");
        chat.press("a:1042");
        chat.text("отмена");
        assertThat(chat.state.answering()).isNull();
        assertThat(chat.step()).isEqualTo(Step.NAME);
        assertThat(chat.published).hasSize(1);
        chat.press("a:777");
        assertThat(chat.allText()).contains("уже закрыто");
        assertThat(chat.state.answering()).isNull();
    }

    @Test
    @DisplayName("R12: a confirmation in the middle of a new request keeps the draft and repeats the step")
    void r12_confirmMidDialogue() {
        Chat chat = new Chat().withTickets(Fixtures.awaitingConfirmation("1042")).upTo(Step.PROCESS);
        chat.press("c:1042");
        assertThat(chat.published).hasSize(1);
        assertThat(chat.step()).isEqualTo(Step.PROCESS);
        assertThat(chat.lastMessage().text()).contains("Какого процесса");
    }

    @Test
    @DisplayName("/status lists open tickets with status and deadline in Moscow time")
    void status() {
        Chat chat = new Chat();
        chat.command("/status");
        assertThat(chat.allText()).contains("Открытых Обращений нет");
        chat.withTickets(Fixtures.inWork("1042"), Fixtures.awaitingAnswer("1043"),
                new DialogueContext.OpenTicket("1044", null, null, false, true));
        chat.command("/status");
        assertThat(chat.allText()).contains("№ 1042 — В работе, срок: " + MoscowTime.format(Fixtures.DEADLINE))
                .contains("10.12.2026 18:00 (Мск)")
                .contains("№ 1043 — Ожидает ответа пользователя").contains("ждём вашего ответа")
                .contains("№ 1044 — статус уточняется — ждём подтверждения решения");
        chat.upTo(Step.TYPE);
        chat.pressLabel("Консультация");
        chat.press("status");
        assertThat(chat.step()).isEqualTo(Step.PROCESS);
        assertThat(chat.lastMessage().text()).contains("Какого процесса");
    }

    @Test
    @DisplayName("commands: /help, unknown, with @bot suffix and arguments, typed as text")
    void commands() {
        Chat chat = new Chat();
        chat.command("/help");
        assertThat(chat.allText()).contains("/new").contains("/status").contains("/cancel");
        chat.command("/foo");
        assertThat(chat.allText()).contains("Не знаю команды /foo");
        chat.command("/new@help_getmark_bot something");
        assertThat(chat.step()).isEqualTo(Step.INN);
        chat.text("/start");
        assertThat(chat.allText()).contains("Здравствуйте").contains("незаконченное");
        assertThat(chat.step()).isEqualTo(Step.INN);
        chat.command("NEW");
        assertThat(chat.step()).isEqualTo(Step.INN);
    }

    @Test
    @DisplayName("a null state and an unknown JSON field are tolerated (older or newer stored state)")
    void tolerantState() {
        Turn turn = Chat.DIALOGUE.handle(null, new ChatInput.Command("/new"), DialogueContext.of(Chat.NOW));
        assertThat(turn.state().step()).isEqualTo(Step.INN);
        DialogueState s = ru.getmark.support.common.json.Json.fromJson(
                "{\"step\":\"EMAIL\",\"future\":1,\"draft\":{\"inn\":\"7707083893\"}}", DialogueState.class);
        assertThat(s.step()).isEqualTo(Step.EMAIL);
        assertThat(s.profile()).isEqualTo(DialogueState.Profile.EMPTY);
        assertThat(s.draft().attachments()).isEmpty();
        DialogueState empty = ru.getmark.support.common.json.Json.fromJson("{}", DialogueState.class);
        assertThat(empty).isEqualTo(DialogueState.initial());
    }

    @Test
    @DisplayName("R1: a summary reached with a missing field (hand-edited state) asks for it instead of sending")
    void r1_sendWithMissingField() {
        Chat chat = new Chat();
        chat.state = new DialogueState(Step.SUMMARY, DialogueState.Draft.EMPTY.withInn("123"),
                DialogueState.Profile.EMPTY, null, null, false);
        chat.press("send");
        assertThat(chat.published).isEmpty();
        assertThat(chat.step()).isEqualTo(Step.INN);
    }
}
