"""The intent analyzer: labels, the solicitation reading and the guards, English and Spanish."""

from __future__ import annotations

import pytest

from threatdesk.analyzers.intent import IntentAnalyzer
from threatdesk.intent import engine as intent_engine
from threatdesk.intent.features import read
from threatdesk.labels import ACTIONABLE, LABEL_ORDER
from threatdesk.models import Item, Signal

ANALYZER = IntentAnalyzer()


def analyse(text: str) -> list[Signal]:
    return ANALYZER(Item.from_text(text))


def label_of(text: str) -> str:
    return next(s for s in analyse(text) if s.kind == "intent").value["label"]


def reading_of(text: str) -> dict | None:
    return next((s.value for s in analyse(text) if s.kind == "solicitation"), None)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the examples of TAXONOMY.md
        ("2k to whoever gets me pics of where the tall agent sleeps", "solicit_intel"),
        ("Pago 5 mil al que levante al jefe de la migra", "solicit_harm"),
        ("green light on the chief, 50 bands when it's done", "solicit_kill"),
        ("I'm going to find him and put him in the ground", "direct_threat"),
        ("Somebody needs to shoot every fed in this city", "incitement"),
        ("Prosecutors say the man offered $10,000 for the agent's killing", "reported_threat"),
        ("ICE out of Chicago! Shut it down!", "protected_speech"),
        ("The governor should be in jail for this", "protected_speech"),
        ("Rivera's team took them down 3-1 in the rec league final", "benign"),
        # Spanish and Spanglish
        ("doy 20 mil al que le dé piso al comandante de la estatal", "solicit_kill"),
        ("te vamos a encontrar y así vas a quedar, ya sabemos dónde vives", "direct_threat"),
        ("Según la fiscalía, el detenido ofreció 3 mil dólares por la dirección de un agente", "reported_threat"),
        ("¡Fuera la migra de nuestras calles! Justicia para nuestras familias", "protected_speech"),
        ("El Cruz Azul le dio piso al América 3-0 en la jornada 10", "benign"),
    ],
)
def test_labels(text: str, label: str) -> None:
    assert label_of(text) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # everyday idioms of killing and money
        ("this rent is killing me, another $200 a month starting in May", "benign"),
        ("we're gonna kill it at the gig tonight, doors at 8", "benign"),
        ("el tráfico de la mañana me está matando, dos horas para llegar", "benign"),
        # sports and bug bounties
        ("Hernández took him down in the second round and the ref waved it off", "benign"),
        ("Report accepted: $3,000 bounty for an XSS in their login endpoint", "benign"),
        # lawful reward notices and officials' warnings, EN and ES
        ("Crime Stoppers is offering up to $5,000 for information leading to an arrest in the shooting", "benign"),
        ("DHS statement: violence against our officers will not be tolerated and those responsible will be prosecuted", "protected_speech"),
        # reported speech: news wire and a tip passing on what someone said
        ("Prosecutors said the defendant offered $20,000 to a cellmate to kill the witness", "reported_threat"),
        ("La fiscalía informó que el detenido habría ofrecido 50 mil pesos por la ubicación de un agente", "reported_threat"),
        # protest and calls to arrest or prosecute
        ("Arrest the officers who did this and put them on trial. Justice for Marco!", "protected_speech"),
    ],
)
def test_hard_negatives(text: str, label: str) -> None:
    assert label_of(text) == label


@pytest.mark.parametrize(
    ("text", "amount", "currency", "kind", "act", "target", "term"),
    [
        ("green light on the chief, 50 bands when it's done", 50000, None, "cash", "killing", "the chief", "when it's done"),
        ("2k to whoever gets me pics of where the tall agent sleeps", 2000, None, "cash", "photos", "agent", None),
        ("Pago 5 mil al que levante al jefe de la migra, con pruebas", 5000, None, "cash", "kidnapping", "la migra", "con pruebas"),
        ("half up front: $1,500 now and $1,500 after u burn the judge's house", 3000, "USD", "cash", "arson", "judge", "half up front"),
        ("0.5 btc if u run that deputy off the road", None, "BTC", "crypto", "ramming", "deputy", "if u run that deputy off the road"),
        ("le doy una feria al que me diga dónde vive el fiscal", None, None, "cash", "whereabouts", "fiscal", None),
    ],
)
def test_solicitation_reading(text: str, amount: int | None, currency: str | None, kind: str, act: str, target: str, term: str | None) -> None:
    value = reading_of(text)
    assert value is not None, "no solicitation read"
    assert (value["offer"]["amount"], value["offer"]["kind"], value["act"]) == (amount, kind, act)
    if amount is not None:
        assert value["offer"]["currency"] == currency
    assert target.lower() in (value["target"] or "").lower()
    if term:
        assert term in value["terms"]


def test_intent_signal_has_a_score_for_every_label_and_review_wording() -> None:
    signals = analyse("green light on the chief, 50 bands when it's done")
    intent = next(s for s in signals if s.kind == "intent")
    assert set(intent.value["scores"]) == {str(label) for label in LABEL_ORDER}
    assert "true threat" not in intent.reason and "indicators" in intent.reason
    spans = [s for s in signals if s.start is not None]
    assert spans and all(0 <= s.start < s.end <= len("green light on the chief, 50 bands when it's done") for s in spans)


@pytest.mark.parametrize(
    ("text", "kind", "cue"),
    [
        ("He allegedly offered $2,000 for the agent's address", "reported_speech", "allegedly"),
        ("Según la fiscalía, ofreció 5 mil por el juez", "reported_speech", "según"),
        ("Impeach him and vote them all out", "protected_speech_cue", "impeach"),
        ("te voy a matar wey jajaja te comiste mis papas", "jocular", "jajaja"),
    ],
)
def test_frame_cues_point_at_their_words(text: str, kind: str, cue: str) -> None:
    found = [s for s in analyse(text) if s.kind == kind]
    assert found and any(text[s.start : s.end].lower() == cue for s in found)


def test_jocular_framing_lowers_the_threat_score() -> None:
    plain = next(s for s in analyse("te voy a matar") if s.kind == "intent").value["scores"]["direct_threat"]
    joking = next(s for s in analyse("te voy a matar jajaja") if s.kind == "intent").value["scores"]["direct_threat"]
    assert joking < plain


@pytest.mark.parametrize(
    ("text", "calmed"),
    [
        ("PAGO 5 MIL AL QUE LEVANTE AL JEFE", "pago 5 mil al que levante al jefe"),
        ("ICE OUT OF PILSEN. SHUT IT DOWN now", "ice out of pilsen. shut it down now"),
        ("ICE out of Pilsen, shut it down", "ICE out of Pilsen, shut it down"),
        ("OK LOL", "OK LOL"),  # too few letters to call it shouting
        ("ÁNDALE, YA SABEMOS DÓNDE VIVE", "ándale, ya sabemos dónde vive"),
    ],
)
def test_a_shouted_text_is_embedded_in_lower_case(text: str, calmed: str) -> None:
    import numpy as np

    from threatdesk.intent.embed import SubwordEmbedder, calm

    assert calm(text) == calmed
    embedder = SubwordEmbedder.load()
    assert np.array_equal(embedder.vector(text), embedder.vector(calmed))


def test_subword_embedding_is_a_deterministic_unit_vector() -> None:
    import numpy as np

    from threatdesk.intent.embed import DIM, SubwordEmbedder

    embedder = SubwordEmbedder.load()
    first = embedder.vector("Pago 5 mil al que levante al jefe de la migra")
    assert first.shape == (DIM,)
    assert abs(float(np.linalg.norm(first)) - 1.0) < 1e-5
    assert np.array_equal(first, embedder.vector("Pago 5 mil al que levante al jefe de la migra"))
    assert embedder.matrix(["", "x"]).shape == (2, DIM)


@pytest.mark.parametrize(
    "text",
    ["Pago 5 mil al que levante al jefe", "  two  spaces\tand a tab ", "", "¡ya saben! 💀🔫 $2k", "l'agent d’ICE", "x\ny"],
)
def test_word_by_word_pieces_equal_the_whole_text_cut(text: str) -> None:
    from threatdesk.intent.embed import SubwordEmbedder

    embedder = SubwordEmbedder.load()
    whole = embedder._tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)
    assert embedder.piece_ids(text) == list(whole)
    assert embedder.piece_ids(text) == list(whole)  # and again, from the cache


def _hits(text: str) -> dict[str, list[str]]:
    from threatdesk.intent.features import read

    return {name: [found for _, _, found in spans] for name, spans in read(text).hits.items()}


@pytest.mark.parametrize(
    "text",
    [
        "Se ofrece una recompensa de 5,000 dólares por información que lleve al arresto del responsable",
        "A reward is being offered for information leading to the arrest of the driver",
        "A $2,000 reward has been offered for information that leads to an arrest",
        "Se pagará una recompensa a quien aporte información que conduzca a la captura",
        "Rewards of up to $10,000 are being offered by the county for information leading to a conviction",
    ],
)
def test_an_impersonal_offer_is_not_the_speakers_voice(text: str) -> None:
    """Why: a notice worded impersonally ("se ofrece", "is being offered") was read as an
    offer in the speaker's voice (or as someone else's past offer), which switched off the
    lawful-reward guard; nobody in particular speaks in it."""
    hits = _hits(text)
    assert hits.get("impersonal_offer")
    assert not hits.get("speaker_offer") and not hits.get("reported_offer")
    assert label_of(text) == "benign"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Pago 5 mil al que levante al jefe de la migra", "pago"),
        ("I'll pay 2k for the agent's address", "i'll pay"),
        ("ofrezco 10 mil por la dirección del juez", "ofrezco"),
    ],
)
def test_an_offer_in_the_first_person_is_still_the_speakers(text: str, speaker: str) -> None:
    assert speaker in _hits(text).get("speaker_offer", [])


@pytest.mark.parametrize(
    "text",
    [
        "Call 312-555-0100 if you see him near the station",
        "his number is 773-555-0199, text him",
        "Llama al 55-5555-0123 para más información",
        "case 24-cr-1187 was filed under seal",
    ],
)
def test_phone_numbers_are_neither_scores_nor_years(text: str) -> None:
    """Why: the score cue (``\\d+-\\d+``) and the news year cue (four digits) matched pieces
    of phone numbers and case numbers, so a doxxing post looked like sports news."""
    hits = _hits(text)
    assert not hits.get("game")
    assert not hits.get("news_frame")


@pytest.mark.parametrize(
    ("text", "cls", "cue"),
    [
        ("Rivera's team took them down 3-1 in the rec league final", "game", "3-1"),
        ("El Cruz Azul le dio piso al América 3-0 en la jornada 10", "game", "3-0"),
        ("they won 21 to 14 on Sunday", "game", "21 to 14"),
        ("In 2019 he threatened a deputy in Cook County", "news_frame", "2019"),
        # a harm verb in the speaker's own first person, its object before it
        ("si vuelves a la cuadra te calentamos", "first_person_threat", "te calentamos"),
        ("si el cobrador vuelve lo dejo tendido", "first_person_threat", "lo dejo tendido"),
        ("if he shows up again im putting him through the wall", "first_person_threat", "im putting him"),
        # plural imperatives with the victim as an enclitic, and "should be dragged out"
        ("FUERA, Y SI REGRESAN, QUÉMENLOS", "incite", "quémenlos"),
        ("si el portero sale, lesiónenlo", "incite", "lesiónenlo"),
        ("every inspector on this list should be dragged out of his truck", "incite", "should be dragged out"),
        ("Comunicado: se convoca a los compañeros a ejecutar a los mandos", "incite", "se convoca a los compañeros a ejecutar"),
        ("los jueces que firmaron esto van a pagar con su sangre", "incite", "pagar con su sangre"),
        ("the commissioners who voted for this forfeited their right to live", "incite", "forfeited their right to live"),
        ("all units will engage federal agents on sight", "incite", "engage federal agents on sight"),
    ],
)
def test_scores_and_years_standing_alone_still_count(text: str, cls: str, cue: str) -> None:
    assert cue in _hits(text).get(cls, [])


@pytest.mark.parametrize(
    "text",
    [
        "pago 200 al que me ayude con la mudanza el sábado",
        "yo pongo 500 para el abogado de mi primo",
        "$50 to whoever helps me move a couch on Saturday",
        "$100 to whoever wins trivia night at the bar, bring your team",
        "cada quien pone 300 para la coperacha del convivio",
        "I'll chip in 200 for his legal fees",
        "$25 to whoever can find my keys, I think I lost them at the dog park",
        "doy 500 pesos a quien encuentre la mochila que perdí en el metro",
        "se paga 700 por día en la pizca de chile, traigan gorra y agua",
        "Bounty: $40 to whoever fixes the flaky unit tests in the billing repo",
    ],
)
def test_everyday_money_among_friends_is_not_a_bounty(text: str) -> None:
    """Why: a payment for help moving, a trivia prize or a collection for a lawyer has the
    grammar of an offer ("pago ... al que") but buys no act against a person."""
    assert label_of(text) not in {str(label) for label in ACTIONABLE}


def test_second_stage_band() -> None:
    """Why: the encoder is too slow for every message; only texts the cheap stage is unsure
    of (actionable scores together inside the band) go to it."""
    from threatdesk.intent.engine import needs_second

    def scores(act: float) -> dict[str, float]:
        out = {str(label): 0.0 for label in LABEL_ORDER}
        out["solicit_kill"], out["benign"] = act, 1.0 - act
        return out

    assert [needs_second(scores(a), (0.2, 0.8)) for a in (0.0, 0.19, 0.2, 0.5, 0.8, 0.81, 1.0)] == [
        False, False, True, True, True, False, False,
    ]


def test_the_shipped_model_has_a_second_stage_and_uses_it_only_when_unsure() -> None:
    from threatdesk.intent.engine import IntentEngine, decide, needs_second
    from threatdesk.intent.features import read

    engine = IntentEngine()
    model = engine.model
    assert model.second is not None and model.second.encoder_weights is not None
    for text in ("la comida estuvo rica", "green light on the chief, 50 bands when it's done",
                 "somebody should do something about that judge", "ya saben dónde vive el comandante"):
        reading = read(text)
        first = model.scores(reading)
        before = engine.second_reads
        got = engine.classify(text)
        unsure = needs_second(first, model.band)
        assert engine.second_reads == before + unsure
        expected = model.second.scores(reading) if unsure else first
        assert got.label == decide(reading, expected).label


def test_sentence_vectors_are_unit_vectors_the_same_alone_or_batched() -> None:
    """Why: the scan engines may encode texts in batches; a text's vector must not depend
    on its neighbours (beyond the last rounded digit)."""
    import numpy as np

    from threatdesk.intent.embed import DIM, SentenceEncoder

    encoder = SentenceEncoder.load()
    texts = ["Pago 5 mil al que levante al jefe de la migra", "", "green light on the chief", "x " * 300]
    batch = encoder.matrix(texts)
    assert batch.shape == (4, DIM)
    for i, text in enumerate(texts):
        alone = encoder.vector(text)
        assert np.allclose(alone, batch[i], atol=2e-4)
        assert abs(float(np.linalg.norm(alone)) - 1.0) < 1e-3


@pytest.mark.parametrize(
    "text",
    [
        "the client finally gave the green light on the remodel, we start in March",
        "Call your rep today and tell them to kill SB 118 before the vote",
        "$10 to whoever kills the wasps in the shed this weekend",
        "anyone who spoils the finale is dead to me",
        "hay que matar las cucarachas de la bodega antes del lunes",
        "otra vez se descompuso la troca, ya se lo cargó el payaso",
        "si no vienes a mi fiesta estás muerta para mí",
        "the vet said we have to get our old dog put down next week",
    ],
)
def test_a_kill_word_on_a_thing_a_bill_or_a_pet_is_an_idiom(text: str) -> None:
    """Why: "kill" with a bill, a bug or a project's green light as its object, "dead to me"
    and a pet put down were read as killings, and the payments around them as bounties."""
    hits = _hits(text)
    assert not hits.get("kill")
    assert hits.get("idiom")


@pytest.mark.parametrize(
    ("text", "intel"),
    [
        ("drop the addy of that deputy in the chat", "addy"),
        ("drop the location when the agent leaves the lot", "location"),
    ],
)
def test_dropping_information_is_not_a_killing(text: str, intel: str) -> None:
    """Why: "drop the X" read as a killing ("drop the fed"), also when X is an address or a pin
    being shared, so an information bounty got the killing tier."""
    hits = _hits(text)
    assert not hits.get("kill")
    assert intel in hits.get("intel", [])


@pytest.mark.parametrize(
    "text",
    [
        "Yes, I called the deputy a clown on camera.",
        "Hubo numerosas quejas contra el comandante",
    ],
)
def test_street_words_are_whole_words(text: str) -> None:
    """Why: "calle" matched inside "called" and "número" inside "numerosas", so criticism of an
    officer carried an address cue and read as doxxing."""
    assert not _hits(text).get("pii")


@pytest.mark.parametrize(
    "text",
    [
        "they're saying my neighbor paid someone 3k to burn the store down",
        "the guy from the gym got locked up for offering a dude 2k to jump his landlord",
        "Según la acusación, el detenido le pagó 50 mil pesos a un sicario; el pago se hizo en efectivo",
        "alguien me mandó una captura: dicen que había recompensa por la dirección del agente",
    ],
)
def test_a_third_partys_past_payment_is_told_not_offered(text: str) -> None:
    """Why: a tip or a news line about someone else's paid act ("paid someone", "got locked up
    for offering", "le pagó", "había recompensa") was read as an offer made now; "el pago"
    (the noun) was read as "I pay"."""
    hits = _hits(text)
    assert hits.get("reported_offer") or hits.get("hearsay")
    assert not hits.get("speaker_offer")


@pytest.mark.parametrize(
    ("text", "lawful"),
    [
        ("TO THE WARDEN: WE WILL FILE A GRIEVANCE AND WE WILL VOTE IN NOVEMBER.", True),
        ("I'll keep filming every stop on this block, legally, from the sidewalk", True),
        ("los vamos a denunciar ante derechos humanos y en cada urna", True),
        ("no vamos a dejar de marchar hasta que aparezcan", True),
        ("we will find you and your family", False),
        ("te vamos a buscar a tu casa", False),
        ("I'll be waiting outside your house tonight", False),
    ],
)
def test_a_lawful_future_act_is_told_apart_from_a_threat(text: str, lawful: bool) -> None:
    """Why: a protester's "we will ..." (file, vote, film, march, denounce) fired the first-person
    threat cue with nothing lawful beside it; verbs that can carry a threat stay out."""
    assert bool(_hits(text).get("lawful_future")) is lawful


@pytest.mark.parametrize(
    "text",
    [
        "Two guys next door only speak Tagalog, not sure if they have papers. Just letting you know.",
        "En el departamento de arriba viven unos muchachos que hablan otro idioma. No he visto nada raro, solo quería avisar.",
    ],
)
def test_a_tip_that_names_no_behaviour(text: str) -> None:
    """Why: neighbours' tips about who someone is or what they speak, with nothing done, read
    as surveillance or incitement (TAXONOMY: behaviour, never identity)."""
    assert _hits(text).get("no_behaviour")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("TO THE SHERIFF: WE WILL FILE A COMPLAINT FOR EVERY ILLEGAL STOP AND WE WILL REMEMBER IN NOVEMBER.", "protected_speech"),
        ("Al presidente municipal: lo vamos a denunciar en cada plaza y en cada urna hasta que cumpla.", "protected_speech"),
        ("no vamos a dejar de marchar hasta que aparezcan nuestros hijos", "protected_speech"),
        ("Call your senator and tell them to kill SB 118 before Friday's vote", "protected_speech"),
        ("the landlord finally gave the green light on the remodel, budget is 30k", "benign"),
        ("they're saying my neighbor paid someone 3k to burn the store down, cops came today", "reported_threat"),
        ("Según la acusación, el detenido le pagó 50 mil pesos a un sicario para matar al comandante", "reported_threat"),
        ("Two guys next door only speak Tagalog, not sure if they have papers. Just letting someone know.", "benign"),
        ("En el departamento de arriba viven unos muchachos que hablan otro idioma. No he visto nada raro, solo quería avisar.", "benign"),
    ],
)
def test_lawful_acts_past_payments_and_identity_only_tips_are_not_escalated(text: str, label: str) -> None:
    """Why: CV false alarms of these kinds (a protester's lawful "we will", a bill or a project
    "killed", a payment told as someone else's past act, a neighbour's tip naming only a
    language or papers) were escalated; the cue classes above feed the model's rule features."""
    assert label_of(text) == label


# -- the decision path: quoted messages, split votes, lawful rewards ---------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('Voicemail transcript: "we know where your kids go to school, keep talking"', "we know where your kids go to school, keep talking"),
        ("Exhibit 9 (text message): \u201cfind out where the deputy parks and 2k is yours\u201d", "find out where the deputy parks and 2k is yours"),
        ('Nota dejada en el parabrisas: "ya sabemos donde estudia tu hija, sigue y vas a ver"', "ya sabemos donde estudia tu hija, sigue y vas a ver"),
        # the lead-in may be an exhibit label, hearsay or a court narrative: the quoted message is read alone
        ('Government\'s Exhibit 4, message from the defendant: "2k for the address of the clerk who filed it"', "2k for the address of the clerk who filed it"),
        ('Somebody in the tenants chat posted this, screenshot attached: "paying 300 for the bailiff\'s home address"', "paying 300 for the bailiff's home address"),
        ('Según la fiscalía, el acusado escribió: "pago 5 mil al que levante al comandante"', "pago 5 mil al que levante al comandante"),
        # a quotation inside the sentence, not after a colon or comma, is not a message of its own
        ('He allegedly offered "a lot of money" to anyone who would find the agent', None),
        # too short to be a message of its own
        ('He said: "no way"', None),
    ],
)
def test_framed_messages_are_quoted_after_a_colon_or_comma(text: str, message: str | None) -> None:
    found = [text[s:e] for s, e in intent_engine.framed_messages(text)]
    assert found == ([message] if message else [])


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the whole text reads benign or reported; the message quoted in it is the threat
        ('Message left on the anonymous tip line overnight: "cash is waiting for whoever catches the sergeant alone. dont kill him, just break him"', "solicit_harm"),
        ("Letter mailed to the council member's neighbours: \"the man at number 12 votes to jail our sons. his kids walk to Lincoln Elementary at 8. now you know\"", "doxxing"),
        # an account that only tells of the message stays an account
        ("The prosecutor told jurors the defendant offered ten racks to whoever would put the witness in the ground", "reported_threat"),
        # a message quoted word for word keeps its label, even in a court narrative
        ('The prosecutor told jurors the defendant wrote: "ten racks to whoever puts the witness in the ground"', "solicit_kill"),
        # a harmless message stays harmless
        ('The note on the fridge: "pick up the kids at 3, pay the plumber 200 when he finishes"', "benign"),
    ],
)
def test_a_message_quoted_behind_a_frame_keeps_its_own_label(text: str, label: str) -> None:
    assert label_of(text) == label


def test_a_quoted_messages_spans_point_into_the_whole_text() -> None:
    text = 'Message left on the anonymous tip line overnight: "cash is waiting for whoever catches the sergeant alone. dont kill him, just break him"'
    decision = intent_engine.IntentEngine().classify(text)
    assert decision.reading.text == text
    spans = [sp for hits in decision.reading.hits.values() for sp in hits]
    assert spans and all(text[s:e] == cue for s, e, cue in spans)
    assert "a message quoted behind a frame keeps its own label" in decision.notes


def _scores(**given: float) -> dict[str, float]:
    return {label: given.get(label, 0.0) for label in LABEL_ORDER}


@pytest.mark.parametrize(
    ("scores", "label"),
    [
        # actionable together 0.60 >= 0.55, split between two labels: escalated as the larger
        (_scores(solicit_harm=0.31, direct_threat=0.24, solicit_intel=0.05, benign=0.37, protected_speech=0.03), "solicit_harm"),
        # a tie goes to the more severe label
        (_scores(incitement=0.30, direct_threat=0.30, benign=0.40), "direct_threat"),
        # together 0.50 < 0.55: the best non-actionable label stands
        (_scores(solicit_harm=0.25, direct_threat=0.25, benign=0.40, reported_threat=0.10), "benign"),
        # the best label actionable but weak together: not escalated
        (_scores(incitement=0.45, protected_speech=0.35, benign=0.20), "protected_speech"),
    ],
)
def test_the_threshold_is_on_the_actionable_labels_together(scores: dict[str, float], label: str) -> None:
    decision = intent_engine.decide(read("see you around"), scores)
    assert decision.label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Tip line reward: 20,000 dollars to whoever kills the witness before the trial", "solicit_kill"),
        ("Reward posted on the tip line: 5 racks for whoever beats the informant half to death", "solicit_harm"),
        ("Crime Stoppers tip line: a reward of up to $1,000 for information leading to an arrest in the shooting", "benign"),
    ],
)
def test_a_lawful_reward_never_pays_for_a_killing_or_a_beating(text: str, label: str) -> None:
    assert label_of(text) == label
