"""Warning behaviours (TRAP-18 proximal) one message can show, English and Spanish."""

from __future__ import annotations

import pytest

from threatdesk.analyzers.behaviours import BehaviourAnalyzer
from threatdesk.models import Item

ANALYZER = BehaviourAnalyzer()


def found(text: str, kind: str = "behaviour") -> dict[str, str]:
    """behaviour (or weapon category) -> evidence, checked against the span."""
    out = {}
    for s in ANALYZER(Item.from_text(text)):
        assert s.analyzer == "behaviours.v1" and s.reason
        assert " ".join(text[s.start : s.end].split()) == s.value["evidence"]
        if s.kind == kind and s.value["behaviour" if kind == "behaviour" else "weapon"] not in out:
            out[s.value["behaviour" if kind == "behaviour" else "weapon"]] = s.value["evidence"]
    return out


POSITIVES = [
    # pathway: research, planning, preparation
    ("pathway", "Anybody know where does the tall agent live? asking for real", "where does the tall agent live"),
    ("pathway", "what time does he leave the station on fridays", "what time does he leave"),
    ("pathway", "need his home address and the plate, paying", "his home address"),
    ("pathway", "2k to whoever gets me pics of where the tall agent sleeps", "where the tall agent sleeps"),
    ("pathway", "where can i get a ghost gun quick, no papers", "where can i get a ghost gun"),
    ("pathway", "Bought what I need today. The ledger is closed.", "Bought what I need"),
    ("pathway", "I know you leave the annex by the side door at 5:20", "I know you leave"),
    ("pathway", "¿Dónde vive la agente? alguien sabe", "Dónde vive"),
    ("pathway", "Alguien sabe a qué hora sale de su casa el oficial?", "a qué hora sale"),
    ("pathway", "Pago bien al que me pase su dirección y su horario", "su dirección"),
    ("pathway", "dónde consigo un cuerno de chivo sin papeles", "dónde consigo un cuerno"),
    ("pathway", "Ya compré lo que necesito. Nos vemos pronto.", "Ya compré lo que necesito"),
    # leakage: intent told to others
    ("leakage", "I'm gonna do something big Friday, don't go to the courthouse", "I'm gonna do something big"),
    ("leakage", "y'all will read about me in the news soon", "y'all will read about me in the news"),
    ("leakage", "Remember my name after Friday.", "Remember my name"),
    ("leakage", "Voy a hacer algo grande el viernes, no vayan a la corte", "Voy a hacer algo grande"),
    ("leakage", "Algo grande va a pasar en la 26, créanme", "Algo grande va a pasar"),
    ("leakage", "Créanme, no vayan a la oficina de Kedzie el lunes", "Créanme, no vayan"),
    # last resort
    ("last_resort", "Judge, you have left me no other choice. I am done writing letters.", "left me no other choice"),
    ("last_resort", "I have nothing left to lose at this point", "nothing left to lose"),
    ("last_resort", "You have until Friday to reinstate my case.", "You have until Friday"),
    ("last_resort", "Deadline is November 20. No more letters.", "Deadline is"),
    ("last_resort", "This is the only warning you get.", "only warning"),
    ("last_resort", "Ya no hay de otra, se los dije", "Ya no hay de otra"),
    ("last_resort", "No me dejaron otra opción.", "No me dejaron otra opción"),
    ("last_resort", "Tienen hasta el viernes para soltarlo", "Tienen hasta el viernes"),
    ("last_resort", "ESTE ES EL ÚNICO AVISO.", "ÚNICO AVISO"),
    # deadlines and ultimatums, with the span that shows them
    ("last_resort", "You ruined my life. 7 days, judge.", "7 days, judge."),
    ("last_resort", "48 hours left, officer!", "48 hours left, officer!"),
    ("last_resort", "you have until friday", "you have until friday"),
    ("last_resort", "You've got 48 hours to drop the charges.", "You've got 48 hours"),
    ("last_resort", "Drop the case against my brother or else.", "or else."),
    ("last_resort", "I had no other choice, they took everything", "I had no other choice"),
    ("last_resort", "tienes hasta el viernes", "tienes hasta el viernes"),
    ("last_resort", "Siete días, jueza.", "Siete días, jueza."),
    ("last_resort", "Te quedan 3 días para soltarlo", "Te quedan 3 días"),
    ("last_resort", "Tienen 48 horas para devolverlo", "Tienen 48 horas"),
    ("last_resort", "Suelten a mi hermano o si no, aténganse.", "o si no, aténganse"),
    ("last_resort", "ya no hay de otra", "ya no hay de otra"),
    # directly communicated threat
    ("direct_threat", "You will pay for what you did, Harold.", "You will pay for what you did"),
    ("direct_threat", "you're next, officer", "you're next"),
    ("direct_threat", "We know where you live and we know your car", "We know where you live"),
    ("direct_threat", "I'm gonna find you and your family", "I'm gonna find you"),
    ("direct_threat", "Te vamos a encontrar, Quiñones.", "Te vamos a encontrar"),
    ("direct_threat", "Ya sabemos dónde vives, puerca", "Ya sabemos dónde vives"),
    ("direct_threat", "SIGUE ASÍ Y ASÍ VAS A QUEDAR", "ASÍ VAS A QUEDAR"),
    ("direct_threat", "Vas a pagar por lo que hiciste", "Vas a pagar"),
    # identification
    ("identification", "I will come and correct the record myself, the way Vey did.", "the way Vey did"),
    ("identification", "Somebody has to finish what Corwin started.", "finish what Corwin started"),
    ("identification", "gonna be like the guy in Marlow County", "like the guy in"),
    ("identification", "I am a soldier of the cause and I am ready.", "I am a soldier"),
    ("identification", "Soy un soldado y no tengo miedo", "Soy un soldado"),
    ("identification", "Lo voy a hacer como lo hizo Vey en 2011", "como lo hizo Vey"),
]


@pytest.mark.parametrize(("behaviour", "text", "evidence"), POSITIVES, ids=[p[1][:40] for p in POSITIVES])
def test_behaviour_found_with_its_evidence(behaviour: str, text: str, evidence: str) -> None:
    got = found(text)
    assert behaviour in got, f"{behaviour} not found; got {got}"
    assert got[behaviour] == evidence


NEGATIVES = [
    # sport and games
    "Bulls took down the Hawks 4-2 tonight, we had no other choice but to punt it in the first half of the game",
    "I'm gonna kill you in Fortnite tonight lol",
    "we're coming for you next season, Marquette, see you in the playoffs",
    "Nada que perder en la final del torneo, vamos con todo",
    "coach said you're done for the season, tough break",
    # everyday life
    "What time does the store open on Sunday?",
    "a qué hora sale el camión para Cicero?",
    "Where does the parade start this year?",
    "You will pay $20 at the door, kids free",
    "Last warning: tickets for the fundraiser are almost gone",
    "The deadline for registration is Friday, sign up now",
    "You have until Friday to register for the 5K",
    "Ya no hay boletos para el concierto, se acabaron",
    "Who has the address of the taco place on 26th? the one with the green sign",
    "he's a weekend warrior on the bike trails",
    "Golden State Warriors won again",
    "he hit the shot like Jordan did in the finals",
    "I'm a soldier in the Army National Guard, home for the holidays",
    "Feliz cumpleaños, cuídate mucho y nos vemos el domingo",
    # countdowns and deadlines that are not ultimatums
    "I waited 7 days, judge, and nobody called me back",
    "Shipping takes 3 days, sir.",
    "You have 30 days to return the item for a refund.",
    "I have 3 days off next week, want to grab lunch?",
    "Take an umbrella or else you will get wet",
    "Tengo dos días libres, ¿vamos al lago?",
    "Faltan 7 días para Navidad",
    # protest and news (the label, not this analyzer, decides what news is worth; these have no cue)
    "ICE out of Chicago! Shut it down! March at noon from Union Park",
    "The alderman should resign after this vote, call her office and say so",
    "Police are offering a $5,000 reward for information leading to an arrest in the Pilsen robbery",
    "Que se vayan todos, marcha el sábado en la 26",
]


@pytest.mark.parametrize("text", NEGATIVES, ids=[t[:40] for t in NEGATIVES])
def test_hard_negatives_show_no_behaviour(text: str) -> None:
    assert found(text) == {}


WEAPONS = [
    ("firearm", "he keeps a glock in the glovebox", "glock"),
    ("firearm", "trae un cuerno de chivo en la troca", "cuerno de chivo"),
    ("explosive", "a pipe bomb under the car", "pipe bomb"),
    ("blade", "con una navaja lo espero", "navaja"),
    ("fire", "$3,000 to whoever lights up the garage", "lights up the garage"),
    ("fire", "le vamos a quemar la casa", "quemar la"),
]


@pytest.mark.parametrize(("weapon", "text", "evidence"), WEAPONS, ids=[w[1][:30] for w in WEAPONS])
def test_weapons(weapon: str, text: str, evidence: str) -> None:
    assert found(text, "weapon") == {weapon: evidence}


@pytest.mark.parametrize(
    "text",
    ["that party was the bomb", "smoking gun in the emails", "nerf gun fight at the park", "bath bomb set on sale",
     "the Bears' gun-slinging quarterback had a great season"],
)
def test_weapon_idioms_are_not_weapons(text: str) -> None:
    assert found(text, "weapon") == {}


def test_offsets_survive_characters_that_lower_case_to_two() -> None:
    text = "İİ we know where you live"
    [signal] = ANALYZER(Item.from_text(text))
    assert text[signal.start : signal.end] == "we know where you live"
