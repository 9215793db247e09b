package ru.getmark.support.local.bench;

import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.ReplyAddress;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.process.GetMarkProcess;
import ru.getmark.support.common.process.ProcessDirectory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Requests that look like real ones, so that the benchmark moves realistic sizes through Kafka, PostgreSQL and the
 * mail server: customers (organisations with a 10-digit ИНН, sole proprietors with a 12-digit one, valid check digits)
 * with an email and a phone, Russian subjects about marking and labelling, texts of 200–2000 characters, a type,
 * process and impact where a customer would state them, and a share of messages with attachment references.
 * <p>
 * Seeded: the same seed gives the same requests, so two runs move the same data.
 */
public final class RequestFactory {

    /** Shortest and longest text of a request, in characters. */
    public static final int MIN_TEXT = 200;
    public static final int MAX_TEXT = 2000;

    private static final String[] FORMS = {"ООО", "ООО", "ООО", "АО", "ПАО", "ЗАО"};
    private static final String[] COMPANY_WORDS = {"Ромашка", "Вектор", "Северный ветер", "Молочный двор",
            "Фарма-Плюс", "Обувь Сибири", "ТД Волга", "Пивоварня Заречье", "Табак-Логистик", "Аквамарин", "Горизонт",
            "Сибирская торговая компания", "Уральские шины", "Парфюм-Трейд", "Светлый ручей", "Текстиль-Центр",
            "Агрокомбинат Южный", "Меридиан", "Фармацевт", "Альфа-Дистрибуция", "Кедр", "Вода Алтая", "Лидер",
            "Ярмарка", "Стройснаб", "Лавка здоровья", "Белый медведь", "Балтийский берег", "Оптима", "Сфера"};
    private static final String[] LATIN = {"romashka", "vektor", "sever", "moloko", "farma", "obuv", "volga",
            "pivo", "tabak", "akva", "gorizont", "sibtorg", "shiny", "parfum", "ruchey", "textile", "agro",
            "meridian", "apteka", "alfa", "kedr", "altai", "lider", "yarmarka", "stroy", "zdorovie", "medved",
            "baltika", "optima", "sfera"};
    private static final String[] SURNAMES = {"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров",
            "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов",
            "Егоров", "Павлов", "Козлов", "Степанов", "Николаев"};
    private static final String[] FIRST_NAMES = {"Сергей", "Андрей", "Алексей", "Дмитрий", "Михаил", "Иван",
            "Николай", "Павел", "Олег", "Виктор"};
    private static final String[] PATRONYMICS = {"Петрович", "Иванович", "Сергеевич", "Андреевич", "Николаевич",
            "Александрович", "Викторович", "Олегович"};
    private static final String[] FEMALE_NAMES = {"Мария", "Елена", "Ольга", "Наталья", "Анна", "Татьяна",
            "Ирина", "Светлана"};

    private static final String[] SUBJECTS = {
            "Не печатаются этикетки",
            "Ошибка при заказе кодов маркировки",
            "Не проходит УПД в ЭДО",
            "Коды маркировки не вводятся в оборот",
            "Ошибка агрегации в короб",
            "Не работает вход в личный кабинет",
            "Сертификат электронной подписи не виден",
            "Как вывести товар из оборота при возврате",
            "Не выгружаются документы в 1С",
            "Карточка товара не проходит модерацию в Национальном каталоге",
            "Принтер печатает пустые этикетки",
            "Зависла отгрузка, статус документа не меняется",
            "Вопрос по тарифу и продлению лицензии",
            "Ошибка 500 при формировании отчёта",
            "Не принимается товар от поставщика",
            "Маркировка остатков: коды не применены",
            "Сканер ТСД не считывает коды",
            "Нужно исправить данные в отгрузке",
            "Просьба доработать шаблон этикетки",
            "Консультация по вводу в оборот импортного товара",
            "После обновления программа не запускается",
            "Дубли кодов в заказе",
            "Не приходит ответ от Честного ЗНАКа",
            "Ошибка подписи при отправке документа",
            "Неверные остатки на складе в отчёте"};

    private static final String[] SENTENCES = {
            "После вчерашнего обновления программа при печати этикеток выдаёт ошибку и останавливается.",
            "Ошибка появляется на всех рабочих местах склада, перезагрузка компьютера не помогает.",
            "Заказ кодов маркировки висит в статусе «В обработке» уже больше трёх часов.",
            "В журнале программы видно сообщение «Превышено время ожидания ответа от СУЗ».",
            "Отгрузка по УПД не проходит: контрагент получает документ без кодов маркировки.",
            "Мы проверили сертификат электронной подписи, он действителен до конца следующего года.",
            "Принтер Zebra печатает этикетку, но штрихкод DataMatrix получается обрезанным справа.",
            "Шаблон этикетки мы не меняли, настройки принтера тоже остались прежними.",
            "При агрегации в короб сканер ТСД показывает, что код уже использован, хотя это новый код.",
            "Из-за этого мы не можем отгрузить товар покупателю, машина стоит на складе.",
            "Просим помочь как можно скорее, к вечеру должна уйти партия в торговую сеть.",
            "Скриншот ошибки и выгрузку журнала прикладываем к обращению.",
            "В Национальном каталоге карточка товара отклонена с комментарием «Неверный код ТН ВЭД».",
            "Код ТН ВЭД мы сверили с декларацией, он указан правильно.",
            "В личный кабинет не удаётся войти: после выбора сертификата страница обновляется и ничего не происходит.",
            "На другом компьютере с тем же сертификатом вход работает.",
            "При выгрузке документов в 1С часть строк пропадает, коды маркировки не переносятся.",
            "Обмен настроен по инструкции, до прошлой недели всё работало без ошибок.",
            "Подскажите, пожалуйста, как правильно вывести из оборота товар, который вернул покупатель.",
            "Остатки на складе в отчёте не совпадают с фактическими, расхождение около двухсот единиц.",
            "Инвентаризацию мы проводили в понедельник, все коды были отсканированы.",
            "Вопрос срочный, так как проверка из контролирующего органа назначена на следующую неделю.",
            "Мы работаем с вашей программой третий год, раньше подобных проблем не возникало.",
            "Версия программы указана в окне «О программе»: последняя, обновлялись автоматически.",
            "Прошу сообщить, когда ожидать исправления и есть ли временное решение.",
            "Ввод в оборот импортного товара завершается ошибкой «Документ не соответствует схеме».",
            "Поставщик прислал коды в формате, который программа не принимает при приёмке.",
            "При сохранении документа приёмки программа зависает примерно на минуту.",
            "Маркировку остатков делали по инструкции на сайте, но коды остались в статусе «Эмитирован».",
            "Коллеги из бухгалтерии просят уточнить, входит ли эта доработка в наш тариф.",
            "Телефон для связи указан в подписи, лучше звонить до шести вечера по Москве.",
            "Заранее спасибо за помощь.",
            "Если нужно, можем предоставить удалённый доступ к рабочему месту.",
            "Сообщение об ошибке: «Не удалось установить соединение с сервером, код 500».",
            "После повторной отправки документ ушёл, но у покупателя он отображается дважды."};

    private static final String[] FILE_NAMES = {"скриншот ошибки.png", "журнал.txt", "УПД.pdf", "выгрузка.xlsx",
            "фото этикетки.jpg"};
    private static final String[] FILE_TYPES = {"image/png", "text/plain", "application/pdf",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "image/jpeg"};

    /**
     * One customer.
     *
     * @param inn   a valid ИНН
     * @param name  the organisation's or the proprietor's name
     * @param email where notices go
     * @param phone E.164
     */
    public record Customer(String inn, String name, String email, String phone) {
    }

    private final SplittableRandom random;
    private final List<Customer> customers;
    private final List<GetMarkProcess> processes;

    /**
     * @param seed      the seed of every choice
     * @param customers how many distinct customers (ИНН) the requests spread over
     */
    public RequestFactory(long seed, int customers) {
        this.random = new SplittableRandom(seed);
        this.processes = ProcessDirectory.builtIn().all().stream()
                .filter(p -> !p.code().equals(ProcessDirectory.OTHER)).toList();
        List<Customer> list = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            list.add(customer(i));
        }
        this.customers = List.copyOf(list);
    }

    private Customer customer(int i) {
        boolean organisation = random.nextInt(10) < 7;
        String latin = LATIN[random.nextInt(LATIN.length)];
        String name;
        String inn;
        if (organisation) {
            inn = InnGenerator.organisation(random);
            name = FORMS[random.nextInt(FORMS.length)] + " «" + COMPANY_WORDS[random.nextInt(COMPANY_WORDS.length)]
                    + "»";
        } else {
            inn = InnGenerator.individual(random);
            name = "ИП " + SURNAMES[random.nextInt(SURNAMES.length)] + " "
                    + FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " "
                    + PATRONYMICS[random.nextInt(PATRONYMICS.length)];
        }
        String email = (random.nextBoolean() ? "buh" : "info") + "@" + latin + "-" + i + ".ru";
        return new Customer(inn, name, email, phone());
    }

    /** A random customer of the pool. */
    public Customer anyCustomer() {
        return customers.get(random.nextInt(customers.size()));
    }

    /** A mobile number in E.164. */
    public String phone() {
        return "+79" + String.format("%09d", random.nextLong(1_000_000_000L));
    }

    /** The name of a person writing for their company: "Иванова Мария". */
    public String personName() {
        return random.nextBoolean()
                ? SURNAMES[random.nextInt(SURNAMES.length)] + " " + FIRST_NAMES[random.nextInt(FIRST_NAMES.length)]
                : SURNAMES[random.nextInt(SURNAMES.length)] + "а " + FEMALE_NAMES[random.nextInt(FEMALE_NAMES.length)];
    }

    public String subject() {
        return SUBJECTS[random.nextInt(SUBJECTS.length)];
    }

    /** Sentences from the pool until a length drawn uniformly from 200–2000 characters. */
    public String text() {
        int target = MIN_TEXT + random.nextInt(MAX_TEXT - MIN_TEXT + 1);
        StringBuilder text = new StringBuilder(target + 200);
        while (text.length() < target) {
            if (!text.isEmpty()) {
                text.append(random.nextInt(4) == 0 ? "\n\n" : " ");
            }
            text.append(SENTENCES[random.nextInt(SENTENCES.length)]);
        }
        if (text.length() > MAX_TEXT) {
            int cut = text.lastIndexOf(".", MAX_TEXT - 1);
            text.setLength(cut >= MIN_TEXT ? cut + 1 : MAX_TEXT);
        }
        return text.toString();
    }

    /** A type as a customer or operator would state it, or null (then the first line classifies). */
    public TicketType typeOrNull() {
        int r = random.nextInt(10);
        return r < 3 ? null : TicketType.values()[r % TicketType.values().length];
    }

    public Impact impactOrNull() {
        int r = random.nextInt(10);
        return r < 3 ? null : Impact.values()[r % Impact.values().length];
    }

    /** A process code of the directory, or null. */
    public String processOrNull() {
        return random.nextBoolean() ? null : processes.get(random.nextInt(processes.size())).code();
    }

    /** The Russian name of a process, as an operator types it into the call form. */
    public String processName() {
        return processes.get(random.nextInt(processes.size())).name();
    }

    /** A number drawn uniformly from min..max. */
    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** True for about one message in {@code n}. */
    public boolean oneIn(int n) {
        return random.nextInt(n) == 0;
    }

    /**
     * A new request as a channel adapter publishes it: channel by a realistic mix (email 40 %, Telegram 25 %, phone
     * 20 %, WhatsApp 15 %), a message id in that channel's shape, every seventh with one to three attachment
     * references.
     *
     * @param customer the customer
     * @param name     the name in the contact (the benchmark appends its token to the customer's name)
     */
    public IntakeMessage newRequest(Customer customer, String name, Instant receivedAt) {
        int c = random.nextInt(100);
        Channel channel = c < 40 ? Channel.EMAIL : c < 65 ? Channel.TELEGRAM : c < 85 ? Channel.PHONE : Channel.WHATSAPP;
        String messageId;
        CustomerContact contact;
        ReplyAddress replyTo;
        switch (channel) {
            case TELEGRAM -> {
                long chatId = 100_000_000L + random.nextLong(900_000_000L);
                messageId = "telegram:" + (1_000_000L + random.nextLong(1_000_000_000L)) + ":" + UUID.randomUUID();
                contact = new CustomerContact(name, customer.email(), customer.phone(), chatId, null);
                replyTo = new ReplyAddress(Channel.TELEGRAM, Long.toString(chatId));
            }
            case WHATSAPP -> {
                String waId = customer.phone().substring(1);
                messageId = "whatsapp:SM" + HexFormat.of().formatHex(bytes(16));
                contact = new CustomerContact(name, customer.email(), customer.phone(), null, waId);
                replyTo = new ReplyAddress(Channel.WHATSAPP, "whatsapp:" + customer.phone());
            }
            case PHONE -> {
                messageId = "phone-" + UUID.randomUUID();
                contact = new CustomerContact(name, customer.email(), customer.phone(), null, null);
                replyTo = new ReplyAddress(Channel.EMAIL, customer.email());
            }
            default -> {
                messageId = "email:" + UUID.randomUUID() + "@mail." + customer.email().substring(
                        customer.email().indexOf('@') + 1);
                contact = new CustomerContact(name, customer.email(), customer.phone(), null, null);
                replyTo = new ReplyAddress(Channel.EMAIL, customer.email());
            }
        }
        List<AttachmentRef> attachments = oneIn(7) ? attachments() : List.of();
        return IntakeMessage.newRequest(messageId, channel, receivedAt, customer.inn(), contact, typeOrNull(),
                processOrNull(), subject(), text(), impactOrNull(), attachments, replyTo);
    }

    private List<AttachmentRef> attachments() {
        int count = 1 + random.nextInt(3);
        List<AttachmentRef> refs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int f = random.nextInt(FILE_NAMES.length);
            refs.add(new AttachmentRef(FILE_NAMES[f], FILE_TYPES[f], 10_000 + random.nextInt(2_000_000),
                    HexFormat.of().formatHex(bytes(32)),
                    "http://localhost:8081/api/attachments/" + (1 + random.nextInt(1_000_000))));
        }
        return refs;
    }

    /** Random bytes (attachment contents, ids). */
    public byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
