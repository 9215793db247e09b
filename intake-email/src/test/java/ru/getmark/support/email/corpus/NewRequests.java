package ru.getmark.support.email.corpus;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.TicketType;

import java.util.List;

import static ru.getmark.support.email.corpus.EmailCorpus.address;
import static ru.getmark.support.email.corpus.EmailCorpus.b64;
import static ru.getmark.support.email.corpus.EmailCorpus.bug;
import static ru.getmark.support.email.corpus.EmailCorpus.cp1251;
import static ru.getmark.support.email.corpus.EmailCorpus.date;
import static ru.getmark.support.email.corpus.EmailCorpus.enc;
import static ru.getmark.support.email.corpus.EmailCorpus.entry;
import static ru.getmark.support.email.corpus.EmailCorpus.koi8;
import static ru.getmark.support.email.corpus.EmailCorpus.qpUtf8;
import static ru.getmark.support.email.corpus.EmailCorpus.text;
import static ru.getmark.support.email.corpus.EmailCorpus.textPart;
import static ru.getmark.support.email.corpus.EmailCorpus.to;
import static ru.getmark.support.email.corpus.Mails.CP1251;
import static ru.getmark.support.email.corpus.Mails.KOI8_R;
import static ru.getmark.support.email.corpus.Mails.concat;
import static ru.getmark.support.email.corpus.Mails.png;
import static ru.getmark.support.email.corpus.Mails.qp;
import static ru.getmark.support.email.corpus.Mails.splitB;

/** New requests as different clients write them (R1, R3). */
final class NewRequests {

    private NewRequests() {
    }

    static void add(List<EmailCorpus.Entry> list) {
        list.add(outlookHtmlRelated());
        list.add(outlookReplyQuotingInternalThread());
        list.add(gmailAlternative());
        list.add(thunderbirdFlowed());
        list.add(oneCWindows1251());
        list.add(oneCMislabelled8bit());
        list.add(theBatKoi8r());
        list.add(iphone());
        list.add(mailRuMobileHtmlOnly());
        list.add(yandexHtmlScriptStyle());
        list.add(samsungOriginalMessage());
        list.add(signatureWithKppOgrn());
        list.add(contractorInnFirst());
    }

    /** Outlook 2016: HTML only inside multipart/related with the signature logo; subject split mid-character. */
    private static EmailCorpus.Entry outlookHtmlRelated() {
        String html = """
                <html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" \
                xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
                <head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
                <meta name=Generator content="Microsoft Word 15 (filtered medium)">
                <style><!--
                /* Font Definitions */
                @font-face {font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;}
                p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif; mso-fareast-language:EN-US;}
                span.EmailStyle17 {mso-style-type:personal-compose;}
                --></style><!--[if gte mso 9]><xml>
                <o:shapedefaults v:ext="edit" spidmax="1026" />
                </xml><![endif]-->
                </head>
                <body lang=RU link="#0563C1" vlink="#954F72" style='word-wrap:break-word'>
                <div class=WordSection1>
                <p class=MsoNormal>Добрый день!<o:p></o:p></p>
                <p class=MsoNormal><o:p>&nbsp;</o:p></p>
                <p class=MsoNormal>При отправке УПД № 4512 от 20.11.2026 в Диадок выдаёт ошибку «Сертификат не найден». \
                Остановлена отгрузка, не можем работать с утра.<o:p></o:p></p>
                <p class=MsoNormal>ИНН 7715012342<o:p></o:p></p>
                <p class=MsoNormal><o:p>&nbsp;</o:p></p>
                <p class=MsoNormal>С уважением,<o:p></o:p></p>
                <p class=MsoNormal>Ольга Смирнова<br>главный бухгалтер ООО «Ромашка-Трейд»<br>тел. +7 (495) 123-45-67<o:p></o:p></p>
                <p class=MsoNormal><img width=120 height=40 id="Рисунок_x0020_1" src="cid:image001.png@01D9F1BB.61A25D30" alt="logo"><o:p></o:p></p>
                </div>
                </body>
                </html>
                """;
        String b = "----=_NextPart_000_0005_01D9F1BB.61A25D30";
        byte[] raw = concat(text("""
                Received: from EXCH01.romashka-trade.local (10.0.0.5) by mx.romashka-trade.ru
                From: %s <o.smirnova@romashka-trade.ru>
                To: "help@getmark.ru" <help@getmark.ru>
                Subject: %s
                Date: Mon, 23 Nov 2026 09:41:12 +0300
                Message-ID: <000001d9f1a2$3c4b5d60$b4e21820$@romashka-trade.ru>
                MIME-Version: 1.0
                Content-Type: multipart/related;
                \tboundary="%s";
                \ttype="text/html"
                X-Mailer: Microsoft Outlook 16.0
                Thread-Index: AdnxojtLXWC04hggQ5qW1Xb1cQk3Zg==
                Content-Language: ru
                X-MS-Has-Attach: yes
                X-MS-TNEF-Correlator:\s

                This is a multi-part message in MIME format.

                --%s
                Content-Type: text/html;
                \tcharset="utf-8"
                Content-Transfer-Encoding: quoted-printable

                """.formatted(enc("Смирнова Ольга"), splitB("Ошибка при отправке УПД в Диадок — остановлена отгрузка"),
                b, b)), text(qpUtf8(html)), text("""

                --%s
                Content-Type: image/png;
                \tname="image001.png"
                Content-Transfer-Encoding: base64
                Content-ID: <image001.png@01D9F1BB.61A25D30>

                %s
                --%s--
                """.formatted(b, Mails.base64(png(900, 1)), b)));
        return entry("outlook_html_related", "Outlook 2016, HTML only, logo in multipart/related, split subject",
                raw, "o.smirnova@romashka-trade.ru",
                bug(Expected.newRequest("7715012342"), "documents.shipment", Impact.STOPS_OPERATIONS)
                        .contains("Сертификат не найден", "Остановлена отгрузка")
                        .lacks("mso-", "font-family", "+7 (495) 123-45-67", "<p")
                        .files(1));
    }

    /** Outlook plain+HTML, a new request written on top of an internal thread quoted with "От:/Отправлено:". */
    private static EmailCorpus.Entry outlookReplyQuotingInternalThread() {
        String plain = """
                Коллеги, добрый день!

                Прошу помочь: при печати этикеток на термопринтере Zebra этикетки выходят пустыми. Приходится \
                печатать вручную через шаблон в Excel, это сильно мешает работе.
                ИНН нашей организации 5406012341.

                С уважением,
                Дмитрий Козлов
                ООО «СибМаркет»

                От: Склад СибМаркет <sklad@sibmarket.ru>
                Отправлено: 20 ноября 2026 г. 16:02
                Кому: Козлов Дмитрий <d.kozlov@sibmarket.ru>
                Тема: Этикетки

                Дмитрий, этикетки опять пустые, партия не уходит. ИНН поставщика 7707083893, если нужно.
                """;
        String html = "<html><body><div>" + plain.replace("\n", "<br>\n") + "</div></body></html>";
        String b = "_000_VI1PR0701MB2654B5E0C1A6E3A9F1D2B3C4VI1PR0701MB2654_";
        byte[] raw = text("""
                From: %s <d.kozlov@sibmarket.ru>
                To: help@getmark.ru
                CC: Склад <sklad@sibmarket.ru>
                Subject: %s
                Thread-Topic: Пустые этикетки
                Thread-Index: AQHaHfI3kQk1bLzK8kO4cA==
                Date: Mon, 23 Nov 2026 11:05:33 +0000
                Message-ID: <VI1PR0701MB2654B5E0C1A6E3A9F1D2B3C4@VI1PR0701MB2654.eurprd07.prod.outlook.com>
                Accept-Language: ru-RU, en-US
                Content-Language: ru-RU
                X-MS-Has-Attach:
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="%s"

                --%s
                Content-Type: text/plain; charset="utf-8"
                Content-Transfer-Encoding: base64

                %s
                --%s
                Content-Type: text/html; charset="utf-8"
                Content-Transfer-Encoding: base64

                %s
                --%s--
                """.formatted(Mails.b("Козлов Дмитрий", KOI8_R), enc("Пустые этикетки"), b, b, b64(plain), b,
                b64(html), b));
        return entry("outlook_reply_quoting_internal_thread",
                "Outlook alternative, new request above an internal thread quoted with От:/Отправлено:", raw,
                "d.kozlov@sibmarket.ru",
                Expected.newRequest("5406012341")
                        .classified(null, "labels.print", Impact.HINDERS_OPERATIONS)
                        .contains("этикетки выходят пустыми")
                        .lacks("партия не уходит", "Отправлено:", "Дмитрий Козлов"));
    }

    /** Gmail web: multipart/alternative built by Jakarta Mail; ИНН in the subject. */
    private static EmailCorpus.Entry gmailAlternative() {
        try {
            MimeMessage m = Mails.message("<CAJ8m4Yx0qzP=V7sK2bW9r1Nq5Lk3DfGh@mail.gmail.com>");
            m.setFrom(address("volkov.andrey@gmail.com", "Андрей Волков"));
            to(m);
            m.setSubject("Не загружаются коды маркировки из СУЗ, ИНН 6632017899", "UTF-8");
            m.setSentDate(date("Mon, 23 Nov 2026 12:20:01 +0300"));
            String plain = "Здравствуйте!\n\nСо вчерашнего дня заказ кодов в СУЗ зависает на статусе «Ожидает».\n"
                    + "Подскажите, что делать? На работу пока не влияет, коды есть в запасе.\n\n-- \nАндрей\n";
            MimeMultipart alt = new MimeMultipart("alternative");
            alt.addBodyPart(textPart(plain, "plain"));
            alt.addBodyPart(textPart("<div dir=\"ltr\"><div>Здравствуйте!</div><div><br></div><div>Со вчерашнего дня "
                    + "заказ кодов в СУЗ зависает на статусе «Ожидает».</div><div>Подскажите, что делать? На работу "
                    + "пока не влияет, коды есть в запасе.</div><div><br></div>-- <br><div dir=\"ltr\" "
                    + "class=\"gmail_signature\">Андрей</div></div>", "html"));
            m.setContent(alt);
            return entry("gmail_alternative", "Gmail web, multipart/alternative, ИНН in the subject",
                    Mails.bytes(m), "volkov.andrey@gmail.com",
                    bug(Expected.newRequest("6632017899"), "codes.order", Impact.NO_EFFECT)
                            .contains("зависает на статусе «Ожидает»")
                            .lacks("gmail_signature", "<div"));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Thunderbird: format=flowed plain text, "пишет:" quote, "-- " signature. */
    private static EmailCorpus.Entry thunderbirdFlowed() {
        byte[] raw = text("""
                Message-ID: <5c1f7a2e-8b3d-4e6f-a1c2-d3e4f5a6b7c8@baltika-log.ru>
                Date: Mon, 23 Nov 2026 13:02:44 +0300
                MIME-Version: 1.0
                User-Agent: Mozilla Thunderbird
                Content-Language: ru
                To: help@getmark.ru
                From: %s <i.petrov@baltika-log.ru>
                Subject: =?UTF-8?Q?=D0=92=D0=BE=D0=BF=D1=80=D0=BE=D1=81_=D0=BF=D0=BE_=D0=BE?=
                 =?UTF-8?Q?=D0=B1=D0=BC=D0=B5=D0=BD=D1=83_=D1=81_1=D0=A1?=
                Content-Type: text/plain; charset=UTF-8; format=flowed
                Content-Transfer-Encoding: 8bit

                Добрый день!

                Подскажите, как настроить обмен с 1С, чтобы выгрузка остатков из 1С\s
                в GetMark шла автоматически, а не вручную? Вопрос не срочный.

                инн: 7801034565

                23.11.2026 10:15, Иван Петров пишет:
                > Коллеги, кто знает, как настроить выгрузку?
                > Старую инструкцию я не нашёл.

                --\s
                Иван Петров
                ООО «Балтика-Логистик»
                тел. 8 (812) 555-12-34
                """.formatted(enc("Иван Петров")));
        return entry("thunderbird_flowed", "Thunderbird, format=flowed, 'пишет:' quote, '-- ' signature", raw,
                "i.petrov@baltika-log.ru",
                Expected.newRequest("7801034565")
                        .classified(TicketType.CONSULTATION, "integration.1c", Impact.NO_EFFECT)
                        .contains("выгрузка остатков из 1С в GetMark шла автоматически")
                        .lacks("Старую инструкцию", "555-12-34"));
    }

    /** 1C:Enterprise mailer: windows-1251, 8bit body, ИНН/КПП together, a data correction. */
    private static EmailCorpus.Entry oneCWindows1251() {
        byte[] head = text("""
                From: %s <robot@vektor-opt.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Mon, 23 Nov 2026 14:00:00 +0300
                Message-ID: <1c-8.3-20261123140000-5f2a@vektor-opt.ru>
                X-Mailer: 1C:Enterprise 8.3
                MIME-Version: 1.0
                Content-Type: text/plain; charset="windows-1251"
                Content-Transfer-Encoding: 8bit

                """.formatted(cp1251("ООО \"Вектор\""), cp1251("Корректировка данных в УПД")));
        byte[] body = text("""
                Просим исправить данные в УПД № 77 от 18.11.2026: неверно указан ИНН покупателя.
                Организация: ООО "Вектор", ИНН/КПП 5001007329/500101001
                Контактный телефон: 84951234567
                Сообщение сформировано автоматически программой 1С:Предприятие.
                """, CP1251);
        return entry("onec_windows1251_inn_kpp", "1C:Enterprise, windows-1251 8bit, ИНН/КПП", concat(head, body),
                "robot@vektor-opt.ru",
                Expected.newRequest("5001007329")
                        .classified(TicketType.DATA_CORRECTION, "documents.shipment", null)
                        .contains("исправить данные в УПД № 77", "ИНН/КПП 5001007329/500101001"));
    }

    /** An old 1C mailer: raw 8-bit windows-1251 subject, no charset label at all, a lone ИНН. */
    private static EmailCorpus.Entry oneCMislabelled8bit() {
        byte[] raw = text("""
                From: Бухгалтерия <buh@agrokombinat.ru>
                To: help@getmark.ru
                Subject: Не проходит вывод из оборота
                Date: Mon, 23 Nov 2026 14:10:00 +0300
                Message-ID: <20261123141000.0001@agrokombinat.ru>
                X-Mailer: V8 Mailer
                MIME-Version: 1.0
                Content-Type: text/plain
                Content-Transfer-Encoding: 8bit

                Здравствуйте. Не проходит вывод из оборота по списанию, документ висит в статусе "Отправлен".
                Реквизиты: 7715012342
                """, CP1251);
        return entry("onec_mislabelled_8bit", "old 1C mailer, 8-bit cp1251 headers, no charset, lone ИНН", raw,
                "buh@agrokombinat.ru",
                bug(Expected.newRequest("7715012342"), "circulation.withdrawal", null)
                        .contains("документ висит в статусе \"Отправлен\""));
    }

    /** The Bat!: KOI8-R, quoted-printable, 12-digit ИНН of a sole proprietor. */
    private static EmailCorpus.Entry theBatKoi8r() {
        String body = "Добрый день.\n\nНе работает вход в личный кабинет, пишет \"неверный пароль\", хотя пароль верный.\n"
                + "Не можем работать, стоит склад.\n\nИП Сидоров А.В., ИНН 502400211973\n\n-- \nС уважением,\n"
                + " Алексей                          mailto:sidorov@ip-sidorov.ru\n";
        byte[] raw = text("""
                Date: Mon, 23 Nov 2026 14:20:05 +0300
                From: %s <sidorov@ip-sidorov.ru>
                Reply-To: %s <sidorov@ip-sidorov.ru>
                X-Mailer: The Bat! (v3.99.3) Professional
                Organization: %s
                X-Priority: 3 (Normal)
                Message-ID: <1923456789.20261123142005@ip-sidorov.ru>
                To: help@getmark.ru
                Subject: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=koi8-r
                Content-Transfer-Encoding: quoted-printable

                %s""".formatted(koi8("Алексей Сидоров"), koi8("Алексей Сидоров"), koi8("ИП Сидоров"),
                koi8("Не могу войти в личный кабинет"), qp(body, KOI8_R)));
        return entry("the_bat_koi8r", "The Bat!, KOI8-R quoted-printable, 12-digit ИНН", raw,
                "sidorov@ip-sidorov.ru",
                bug(Expected.newRequest("502400211973"), "account.access", Impact.STOPS_OPERATIONS)
                        .contains("неверный пароль", "стоит склад")
                        .lacks("mailto:"));
    }

    /** iPhone Mail: short text, "Отправлено с iPhone". */
    private static EmailCorpus.Entry iphone() {
        byte[] raw = text("""
                Content-Type: text/plain;
                \tcharset=utf-8
                Content-Transfer-Encoding: quoted-printable
                Mime-Version: 1.0 (1.0)
                Subject: %s
                From: %s <elena.k@optovik.ru>
                Date: Mon, 23 Nov 2026 15:01:10 +0300
                Message-Id: <A1B2C3D4-E5F6-4789-ABCD-EF0123456789@optovik.ru>
                To: help@getmark.ru
                X-Mailer: iPhone Mail (21G93)

                %s""".formatted(enc("Приемка"), enc("Елена"), qpUtf8("Здравствуйте. Не проходит приемка товара от поставщика, ошибка 500.\n"
                + "ИНН 6632017899\n\nОтправлено с iPhone")));
        return entry("iphone_mail", "iPhone Mail, quoted-printable, 'Отправлено с iPhone'", raw, "elena.k@optovik.ru",
                bug(Expected.newRequest("6632017899"), "documents.acceptance", null)
                        .contains("Не проходит приемка товара")
                        .lacks("Отправлено с iPhone"));
    }

    /** Mail.ru mobile: HTML only, lone ИНН, mobile footer after "--". */
    private static EmailCorpus.Entry mailRuMobileHtmlOnly() {
        String html = "<HTML><BODY><div>Добрый день, не могу распечатать этикетки на складе</div>"
                + "<div>7801034565</div><div>&nbsp;</div><div>--<br>Отправлено из мобильной Почты Mail.ru</div>"
                + "</BODY></HTML>";
        byte[] raw = text("""
                From: %s <sergey.market@mail.ru>
                To: help@getmark.ru
                Subject: %s
                MIME-Version: 1.0
                X-Mailer: Mail.Ru Mail for Android
                Date: Mon, 23 Nov 2026 15:30:00 +0300
                Message-ID: <1700741400.123456789@f501.i.mail.ru>
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: base64

                %s
                """.formatted(enc("Сергей"), enc("Этикетки"), b64(html)));
        return entry("mailru_mobile_html_only", "Mail.ru for Android, HTML only, lone ИНН, mobile footer", raw,
                "sergey.market@mail.ru",
                Expected.newRequest("7801034565")
                        .classified(null, "labels.print", null)
                        .contains("не могу распечатать этикетки")
                        .lacks("Отправлено из мобильной Почты Mail.ru", "<div"));
    }

    /** Yandex web: HTML only with style and script, a list of steps. */
    private static EmailCorpus.Entry yandexHtmlScriptStyle() {
        String html = """
                <html><head><style type="text/css">body { font-family: Arial; color: #333 }</style>
                <script type="text/javascript">alert('x')</script></head>
                <body><div>Здравствуйте!</div><div>Не формируется УПД при отгрузке, шаги:</div>
                <ol><li>Открываем раздел «Отгрузка»</li><li>Нажимаем «Сформировать УПД»</li>
                <li>Получаем ошибку «Ошибка подписи документа»</li></ol>
                <div>ИНН: 7707083893</div><div>Ссылка на скриншот: <a href="https://disk.yandex.ru/i/AbCdEf123">скриншот</a></div>
                <div>&nbsp;</div><div>-- </div><div>С уважением, Мария</div></body></html>
                """;
        byte[] raw = text("""
                Received: from mail-nwsmtp-smtp-production-main-12.vla.yp-c.yandex.net
                From: %s <maria.opt@yandex.ru>
                To: help@getmark.ru
                Subject: %s
                MIME-Version: 1.0
                X-Mailer: Yamail [ http://yandex.ru ] 5.0
                Date: Mon, 23 Nov 2026 16:00:00 +0300
                Message-Id: <123456789@mail.yandex.ru>
                Content-Transfer-Encoding: 8bit
                Content-Type: text/html; charset=utf-8

                %s""".formatted(enc("Мария"), enc("Не формируется УПД"), html));
        return entry("yandex_html_script_style", "Yandex web, HTML only with <style> and <script>, list of steps",
                raw, "maria.opt@yandex.ru",
                bug(Expected.newRequest("7707083893"), "documents.shipment", null)
                        .contains("Открываем раздел «Отгрузка»", "Ошибка подписи документа",
                                "скриншот (https://disk.yandex.ru/i/AbCdEf123)")
                        .lacks("font-family", "alert(", "С уважением, Мария"));
    }

    /** Samsung Email on Android: "Отправлено с моего Galaxy" and "-------- Исходное сообщение --------". */
    private static EmailCorpus.Entry samsungOriginalMessage() {
        String plain = """
                ИНН 7707083893
                Повторно направляем запрос, предыдущее письмо осталось без ответа: карточки товаров не публикуются \
                в Национальном каталоге.



                Отправлено с моего Galaxy


                -------- Исходное сообщение --------
                От: buh@romashka.ru
                Дата: 20.11.2026 10:02 (GMT+03:00)
                Кому: help@getmark.ru
                Тема: Карточки

                Старый текст запроса про карточки.
                """;
        byte[] raw = text("""
                Message-ID: <ef2a9b7c-0d1e-4f2a-8b3c-4d5e6f7a8b9c@email.android.com>
                Date: Tue, 24 Nov 2026 08:30:00 +0300
                Subject: %s
                From: %s <buh@romashka.ru>
                To: help@getmark.ru
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: base64

                %s
                """.formatted(enc("Re: Карточки"), enc("Бухгалтерия"), b64(plain)));
        return entry("samsung_original_message", "Samsung Email, 'Исходное сообщение' quote, 'с моего Galaxy'", raw,
                "buh@romashka.ru",
                Expected.newRequest("7707083893")
                        .classified(null, "catalog.cards", null)
                        .contains("Повторно направляем запрос")
                        .lacks("Отправлено с моего Galaxy", "Старый текст запроса"));
    }

    /** ИНН only in the company signature with КПП and ОГРН next to it (signature trimmed from the text). */
    private static EmailCorpus.Entry signatureWithKppOgrn() {
        String plain = """
                Добрый день!

                Предлагаем доработку: добавить возможность массовой печати этикеток по списку GTIN.
                На работу не влияет, но было бы удобно.

                С уважением,
                Наталья Орлова
                ООО «Северная звезда»
                ИНН 7801034565 КПП 780101001 ОГРН 1027809123456
                тел. +7 812 600-00-00
                """;
        byte[] raw = text("""
                From: %s <n.orlova@sev-zvezda.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 09:00:00 +0300
                Message-ID: <20261124090000.A1B2C3@sev-zvezda.ru>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit
                X-Mailer: Microsoft Outlook 16.0

                %s""".formatted(enc("Наталья Орлова"), enc("Предложение по печати"), plain));
        return entry("signature_inn_kpp_ogrn", "ИНН only in the signature beside КПП and ОГРН; a change request", raw,
                "n.orlova@sev-zvezda.ru",
                Expected.newRequest("7801034565")
                        .classified(TicketType.CHANGE_REQUEST, "labels.print", Impact.NO_EFFECT)
                        .contains("добавить возможность массовой печати")
                        .lacks("ОГРН", "600-00-00"));
    }

    /** Two valid ИНН: the contractor's first, then "наш ИНН" — the customer's is taken. */
    private static EmailCorpus.Entry contractorInnFirst() {
        byte[] raw = text("""
                From: Закупки <zakupki@severtorg.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 09:30:00 +0300
                Message-ID: <20261124093000.77@severtorg.ru>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                При приёмке товара ИНН контрагента 7707083893 не находится в справочнике, приёмка не проходит.
                Наш ИНН 5001007329.
                """.formatted(enc("Не находит контрагента")));
        return entry("contractor_inn_first", "two valid ИНН, the contractor's first: the customer's is chosen", raw,
                "zakupki@severtorg.ru",
                bug(Expected.newRequest("5001007329"), "documents.acceptance", null)
                        .contains("ИНН контрагента 7707083893"));
    }
}
