package org.supportbot.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.supportbot.knowledge.Language;

class GroupingTests {

    private int n;

    private MissedQuestions.Question question(String text) {
        var language = text.matches(".*[а-яА-Я].*") ? Language.RU : Language.EN;
        n++;
        return new MissedQuestions.Question("q" + n, "test:" + n, language, text, "escalated", List.of(), null, null, Instant.ofEpochSecond(1_700_000_000L + n));
    }

    private static List<Set<String>> texts(List<Grouping.Group> groups) {
        return groups.stream().map(g -> Set.copyOf(g.members().stream().map(MissedQuestions.Question::text).toList())).toList();
    }

    @Test
    void groupsQuestionsThatShareStemmedWordsAndKeepsOthersApart() {
        var questions = List.of(
                question("можно купить подарочный сертификат?"),
                question("у вас есть вакансии курьера"),
                question("есть ли у вас подарочные сертификаты"),
                question("доставка на дачу в снт"),
                question("как купить подарочный сертификат на 5000"),
                question("do you sell gift cards"),
                question("подарочные сертификаты продаете?"),
                question("привезете на дачу в снт?"),
                question("хочу подарочный сертификат подарить маме"),
                question("can i buy a gift card"),
                question("подарочный сертификат можно оплатить картой?"),
                question("gift card for my sister"));
        var groups = texts(Grouping.group(questions));
        assertThat(groups).containsExactlyInAnyOrder(
                Set.of("можно купить подарочный сертификат?", "есть ли у вас подарочные сертификаты", "как купить подарочный сертификат на 5000",
                        "подарочные сертификаты продаете?", "хочу подарочный сертификат подарить маме", "подарочный сертификат можно оплатить картой?"),
                Set.of("у вас есть вакансии курьера"),
                Set.of("доставка на дачу в снт", "привезете на дачу в снт?"),
                Set.of("do you sell gift cards", "can i buy a gift card", "gift card for my sister"));
    }

    @Test
    void neverMixesLanguages() {
        var groups = Grouping.group(List.of(question("iphone 15 pro"), question("айфон iphone 15 pro")));
        assertThat(groups).hasSize(2);
    }

    @Test
    void keepsTheOldestQuestionFirstSoTheGroupIdStays() {
        var first = question("подарочный сертификат есть?");
        var second = question("есть подарочный сертификат?");
        var groups = Grouping.group(List.of(second, first));
        assertThat(groups).singleElement().satisfies(g -> assertThat(g.oldest()).isEqualTo(first));
    }

    @Test
    void questionsWithoutWordsStandAlone() {
        var groups = Grouping.group(List.of(question("???"), question("!!!"), question("[phone]")));
        assertThat(groups).hasSize(3);
    }

    @Test
    void groupsTwoThousandQuestionsQuickly() {
        var topics = List.of("подарочный сертификат", "доставка на дачу", "рассрочка без переплаты", "gift card", "oversized parcel", "iphone case",
                "вакансии курьера", "самовывоз из склада", "оптовые закупки", "корпоративный договор");
        var words = List.of("можно", "купить", "хочу", "сколько", "стоит", "how", "much", "срочно", "завтра", "на выходных", "для мамы", "please");
        var questions = new ArrayList<MissedQuestions.Question>();
        var random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            questions.add(question(words.get(random.nextInt(words.size())) + " " + topics.get(random.nextInt(topics.size())) + " "
                    + words.get(random.nextInt(words.size())) + " " + i));
        }
        long start = System.nanoTime();
        var groups = Grouping.group(questions);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Grouped " + questions.size() + " questions into " + groups.size() + " groups in " + millis + " ms");
        assertThat(groups.size()).isLessThan(200);
        assertThat(millis).isLessThan(10_000);
    }
}
