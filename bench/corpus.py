"""A deterministic corpus of news-like articles for the speed benchmark (bench/run.py).

Every article is assembled from sentence templates written for this benchmark, filled with
invented names, places, organisations and figures. A share of the articles carries the
problems lintnews looks for: calques from machine translation, typos, doubled words, copy
debris, stray characters, and names spelt two ways across articles. About 70% are Markdown
with front matter, the rest plain text. The same seed always gives the same files.

Usage: python bench/corpus.py OUT_DIR [--articles 2000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST = (
    "Ana Maria Elena Sofia Lucia Marta Irena Nadia Olga Petra Laura Clara Julia Rosa Carmen "
    "Daniel Marco Pablo Ivan Tomas Luca Pietro Andrej Miguel Jorge Karl Stefan Yusuf Omar "
    "Hannah Grace Amir Leila Samuel Ruth David Fatima Kofi Aisha Mateo Chen Hiroshi Priya"
).split()
LAST = (
    "Kovacic Moreno Rossi Bianchi Dubois Lefevre Novak Horvat Schmidt Weber Garcia Lopez "
    "Fernandez Petrov Ivanova Ozturk Yilmaz Tanaka Suzuki Mensah Okafor Haddad Khan Patel "
    "Silva Costa Almeida Jensen Nielsen Larsen Murphy Walsh Byrne Kowalski Nowak Dimitrov "
    "Georgiou Papadopoulos Vasquez Romero Castillo Brandt Keller Hoffmann Lindqvist Berg"
).split()
# Names that appear with and without diacritics across articles (the consistency rules).
VARIANT_NAMES = (
    ("Mirela Kovačević", "Mirela Kovacevic"),
    ("José Álvarez", "Jose Alvarez"),
    ("Zoë Brennan", "Zoe Brennan"),
    ("Jürgen Müller", "Jurgen Muller"),
    ("Ayşe Demir", "Ayse Demir"),
)
TITLES = (
    "Prime Minister",
    "Finance Minister",
    "Interior Minister",
    "Mayor",
    "Governor",
    "spokesperson",
    "chief executive",
    "police chief",
    "judge",
    "professor",
    "union leader",
    "economist",
    "coach",
    "health official",
)
CITIES = (
    "Valmora Brestovac Porto Lindau Karsk Sorrenta Almadena Tervik Oduna Halden Marisco "
    "Belvar Ostrava Kestrel Bay Drumlin Castelnuovo Rivaz Sant Elm Novigrad Tarsin"
).split()
COUNTRIES = (
    "Croatia Spain Italy France Portugal Germany Poland Turkey Japan Ghana Brazil Chile "
    "Norway Ireland Greece Kenya Canada Mexico"
).split()
ORGS = (
    "the central bank",
    "the transport ministry",
    "the national weather service",
    "the electoral commission",
    "the port authority",
    "the teachers' union",
    "the health ministry",
    "the state prosecutor's office",
    "the football federation",
    "the energy regulator",
    "the statistics office",
    "the civil protection agency",
    "the supreme court",
    "the chamber of commerce",
)
PARTIES = ("Progress Party", "Civic Alliance", "Green Union", "Liberal Front", "People's Bloc")
AGENCIES = ("the Lumen Wire", "Northpress", "the Harbour Gazette", "Radio Meridian")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
MONTHS += ("September", "October", "November", "December")
TOPICS = ("economy", "courts", "weather", "politics", "sport", "health", "transport", "tech")
NOUNS = (
    "budget plan",
    "reform",
    "investigation",
    "flood defences",
    "new stadium",
    "vaccination campaign",
    "rail link",
    "data centre",
    "pension bill",
    "wage agreement",
    "coastal road",
    "housing scheme",
    "tax cut",
    "merger",
)
VERBS_SAID = ("said", "told reporters", "said in a statement", "wrote on social media")

SENTENCES: dict[str, tuple[str, ...]] = {
    "any": (
        "{Org} said on {day} that the {noun} would be reviewed before the end of {month}.",
        "The {noun} has divided opinion in {city} since it was first proposed in {year}.",
        "{Person}, the {title} of {city}, {said} that the decision had been taken too quickly.",
        "Officials expect a final decision within {n} weeks, although no date has been set.",
        "About {n},{k:03d} people are affected, according to figures released by {org}.",
        "The figure is {pct} percent higher than a year earlier, {org} said.",
        "Critics say the {noun} will cost far more than the {money} the government has set aside.",
        "\u201cWe have done everything we can,\u201d {person} said. "
        "\u201cNow it is up to them.\u201d",
        "\u201cThis is not the end of the story,\u201d said {person}, a {title} in {city}.",
        "Neither side responded to requests for comment on {day}.",
        "The {party} called for an independent inquiry into how the {noun} was handled.",
        "Talks are due to resume in {city} next week, {agency} reported.",
        "It was not immediately clear how many people had been affected.",
        "Residents of {city} gathered outside the town hall on {day} evening to protest.",
        "The opposition {party} said it would vote against the {noun} in parliament.",
        "In {year}, a similar {noun} was abandoned after months of protests.",
        "{Person} declined to say whether the government would change course.",
        "Analysts at {agency} said the move had been widely expected.",
        "The announcement came two days after {org} warned of delays.",
        "Local media reported that at least {n} people had been detained.",
        "Shares in the company fell {pct} percent in early trading before recovering.",
        "The {title} is expected to visit {city} on {day} to meet community leaders.",
        "A spokesperson for {org} said the agency was "
        "\u201cmonitoring the situation closely.\u201d",
        "Turnout was {pct} percent, the lowest since {year}, the electoral commission said.",
        "He added that talks with {country} were continuing.",
        "She said the {noun} would create {n},{k:03d} jobs over the next five years.",
    ),
    "economy": (
        "Inflation slowed to {pct} percent in {month}, the statistics office said on {day}.",
        "The central bank left its main interest rate unchanged at {pct} percent.",
        "Exports to {country} rose by {money} in the first quarter, customs data showed.",
        "Economists polled by {agency} had expected growth of {pct} percent.",
        "The government plans to borrow {money} next year to cover the shortfall.",
        "Unemployment in the region stands at {pct} percent, well above the national average.",
    ),
    "courts": (
        "The court in {city} sentenced the former official to {n} years in prison.",
        "Prosecutors accused {person} of taking bribes worth {money} between {year} and {year2}.",
        "The defence said it would appeal against the verdict.",
        "The trial, which began in {month}, heard evidence from {n} witnesses.",
        "A judge ordered the release of the documents on {day}.",
    ),
    "weather": (
        "Heavy rain caused rivers to burst their banks across the north of {country}.",
        "Temperatures reached {n} degrees Celsius in {city} on {day}, a record for {month}.",
        "The weather service issued a red warning for {n} districts.",
        "Rescue teams evacuated hundreds of residents from low-lying areas overnight.",
        "Schools in {city} will remain closed until at least {day}.",
    ),
    "politics": (
        "The coalition holds {n} of the {n2} seats in parliament.",
        "The vote is seen as a test for {person} ahead of elections in {year2}.",
        "Lawmakers debated the bill for more than {n} hours before the vote.",
        "The {party} won {pct} percent of the vote, according to preliminary results.",
        "{Person} resigned on {day} after weeks of pressure from within the party.",
    ),
    "sport": (
        "{City} FC beat {city2} United {g1}-{g2} on {day} to move top of the league.",
        "The striker scored twice in the second half before being substituted.",
        "The coach, {person}, said his team had shown \u201creal character.\u201d",
        "Tickets for the final sold out within {n} minutes.",
        "The club has not won the title since {year}.",
    ),
    "health": (
        "Hospitals in {city} reported {n} new cases of the infection over the weekend.",
        "The health ministry urged people over {n2} to get vaccinated before winter.",
        "Waiting times for routine operations have doubled since {year}.",
        "Doctors went on strike for {n} days in {month} over pay and conditions.",
    ),
    "transport": (
        "Trains between {city} and {city2} were cancelled for most of {day}.",
        "The new rail link is expected to cut journey times by {n} minutes.",
        "Airport traffic rose {pct} percent in {month} compared with a year earlier.",
        "Drivers face delays of up to {n} minutes while the bridge is repaired.",
    ),
    "tech": (
        "The company said the outage affected about {n},{k:03d} customers.",
        "Regulators in {country} opened an inquiry into the data breach on {day}.",
        "The start-up raised {money} in its latest funding round.",
        "Engineers restored the service shortly after midnight.",
    ),
}
HEADLINES = (
    "{City} braces for {noun} vote",
    "{Org_cap} warns of delays to {noun}",
    "Protesters march in {city} over {noun}",
    "{Person} under pressure as {noun} stalls",
    "{Country} and {country2} resume talks",
    "Record heat grips {city}",
    "Court rules on {noun} in {city}",
    "{City} FC clinch late win",
)
# Calques from machine translation (written for this benchmark).
MT_SNIPPETS = (
    "The minister declared to the press that the measures were necessary.",
    "In the framework of the agreement, both sides will exchange data.",
    "The works will continue in the next days, the mayor said.",
    "A dozen of people were injured in the incident.",
    "The responsibles of the project have not been identified.",
    "Several police agents were deployed near the station.",
    "The government realized a study on the impact of the measure.",
    "The president of the region assisted to the ceremony on Monday.",
    "According to the ministry, the situation is under control since three days.",
    "The victim was transported to the hospital in grave conditions.",
)
DEBRIS = (
    "Click here to subscribe to our newsletter.",
    "Advertisement",
    "Read more: {noun} explained",
    "(Photo: {agency})",
    "Share this article on Facebook Twitter WhatsApp",
    "© {year} {agency}. All rights reserved.",
)
TYPO_WORDS = {
    "government": ("goverment", "govenrment"),
    "received": ("recieved",),
    "separate": ("seperate",),
    "parliament": ("parliment",),
    "committee": ("commitee",),
    "statement": ("statment",),
    "officials": ("offcials", "officails"),
    "minister": ("minsiter",),
    "people": ("poeple",),
    "because": ("becuase",),
}


class _Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        people = [f"{f} {la}" for f in FIRST for la in LAST]
        self.rng.shuffle(people)
        self.people = people[:400]

    def person(self) -> str:
        r = self.rng
        if r.random() < 0.05:
            return r.choice(r.choice(VARIANT_NAMES))
        return r.choice(self.people)

    def fill(self, template: str) -> str:
        r = self.rng
        city, city2 = r.sample(CITIES, 2)
        country, country2 = r.sample(COUNTRIES, 2)
        org = r.choice(ORGS)
        person = self.person()
        year = r.randint(1995, 2024)
        values = {
            "person": person,
            "Person": person,
            "title": r.choice(TITLES),
            "city": city,
            "City": city,
            "city2": city2,
            "country": country,
            "Country": country,
            "country2": country2,
            "org": org,
            "Org": org[0].upper() + org[1:],
            "Org_cap": org.replace("the ", "", 1).title(),
            "party": r.choice(PARTIES),
            "agency": r.choice(AGENCIES),
            "day": r.choice(DAYS),
            "month": r.choice(MONTHS),
            "year": year,
            "year2": year + r.randint(1, 4),
            "noun": r.choice(NOUNS),
            "n": r.randint(2, 90),
            "n2": r.randint(60, 400),
            "k": r.randint(0, 999),
            "pct": f"{r.randint(1, 40)}.{r.randint(0, 9)}",
            "money": f"${r.randint(2, 900)} million",
            "said": r.choice(VERBS_SAID),
            "g1": r.randint(1, 4),
            "g2": r.randint(0, 3),
        }
        return template.format(**values)

    def typo(self, sentence: str) -> str:
        words = sentence.split(" ")
        for i, w in enumerate(words):
            if w in TYPO_WORDS:
                words[i] = self.rng.choice(TYPO_WORDS[w])
                return " ".join(words)
        # a transposition in a longer lowercase word
        cands = [i for i, w in enumerate(words) if w.isalpha() and w.islower() and len(w) > 5]
        if not cands:
            return sentence
        i = self.rng.choice(cands)
        w = words[i]
        j = self.rng.randrange(1, len(w) - 2)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        return " ".join(words)

    def sentence(self, topic: str) -> str:
        r = self.rng
        pool = SENTENCES[topic] if r.random() < 0.45 else SENTENCES["any"]
        s = self.fill(r.choice(pool))
        x = r.random()
        if x < 0.035:
            s = self.typo(s)
        elif x < 0.045:
            words = s.split(" ")
            i = r.randrange(len(words))
            if words[i].isalpha():
                words.insert(i, words[i].lower())
                s = " ".join(words)
        elif x < 0.05:
            s = s.replace(" ", "\u00a0", 1)
        elif x < 0.052:
            s = s.replace("é", "Ã©") if "é" in s else s + " CafÃ© owners agreed."
        return s

    def article(self, index: int) -> tuple[str, str]:
        r = self.rng
        topic = r.choice(TOPICS)
        headline = self.fill(r.choice(HEADLINES))
        city = r.choice(CITIES).upper()
        paras: list[str] = []
        target = r.randint(420, 680)
        words = 0
        first = True
        mt = r.random() < 0.25
        while words < target:
            n = r.randint(1, 4)
            sents = [self.sentence(topic) for _ in range(n)]
            if mt and r.random() < 0.25:
                sents.insert(r.randrange(len(sents) + 1), r.choice(MT_SNIPPETS))
            para = " ".join(sents)
            if first:
                para = f"{city} \u2014 {para}"
                first = False
            paras.append(para)
            words += para.count(" ") + 1
        if r.random() < 0.15:
            paras.insert(r.randrange(1, len(paras)), self.fill(r.choice(DEBRIS)))
        if r.random() < 0.1:
            paras.append(self.fill(r.choice(DEBRIS)))
        markdown = r.random() < 0.7
        if markdown:
            date = f"{r.randint(2019, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
            head = f'---\ntitle: "{headline}"\ndate: {date}\ntopic: {topic}\n---\n\n'
            body = []
            for i, p in enumerate(paras):
                if i and i % 5 == 0 and r.random() < 0.5:
                    body.append(f"## {self.fill(r.choice(HEADLINES))}")
                body.append(p)
            text = head + f"# {headline}\n\n" + "\n\n".join(body) + "\n"
            name = f"{index:04d}-{topic}.md"
        else:
            text = headline + "\n\n" + "\n\n".join(paras) + "\n"
            name = f"{index:04d}-{topic}.txt"
        return name, text


def generate(out: Path, articles: int = 2000, seed: int = 1) -> tuple[int, int]:
    """Write the corpus into out (created); returns (files, words)."""
    out.mkdir(parents=True, exist_ok=True)
    gen = _Gen(seed)
    total = 0
    for i in range(articles):
        name, text = gen.article(i)
        (out / name).write_text(text, encoding="utf-8")
        total += len(text.split())
    return articles, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    n, words = generate(args.out, args.articles, args.seed)
    print(f"{n} articles, {words} words in {args.out}")


if __name__ == "__main__":
    main()
