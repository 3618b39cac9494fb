"""The solicitation reading and the bounty tier, rule by rule, without the model.

The amount on the table and the act paid for are rules, so each rule has a table of
English and Spanish examples here, with the hard negatives that keep it honest: other
numbers beside the offer, instalments of a split payment, killings ruled out, kill words
aimed at a limb or carried on by a harm phrase, acts in the speaker's own voice after the
paid-for information, and words that share an act's spelling but not its meaning.
"""

from __future__ import annotations

import pytest

from threatdesk.intent.engine import decide
from threatdesk.intent.features import read
from threatdesk.intent.solicitation import most_severe_act, offered_amount, read_solicitation
from threatdesk.labels import LABEL_ORDER


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # a payment split into instalments is their total
        ("1500 ahora y 1500 cuando vea la foto", 3000),
        ("half up front: $1,500 now and $1,500 after u burn the judge's house", 3000),
        ("5k now and another 5k when it's done", 10000),
        # an amount beside its own instalment is the total already
        ("3k to whoever beats him bad. u get 1k up front", 3000),
        ("8k for the snitch, 2k now. he gotta be in the river by the 15th", 8000),
        ("Pago 12 mil por el paquete completo, 3 mil por adelantado.", 12000),
        # several amounts: the one an offer's grammar frames, not the biggest number
        ("He cost me 40k in lawyers. 5k to whoever breaks his legs", 5000),
        ("my rent went up $300 because of him. paying $2,000 for his address", 2000),
        ("perdí 50 mil por su culpa, ahora pago 10 mil al que me diga dónde vive", 10000),
        # dollars (or unstated) before pesos, whatever the size
        ("$2,000 o 40 mil pesos al que lo levante", 2000),
        # a stated total wins; a rate only when no sum for the job is stated
        ("ok 5k for the one who caught tio and 5k for the driver. total 10k", 10000),
        ("1k por cada una, son 3, 3k total. Manden pruebas", 3000),
        ("600 bucks to spit on the cop and then 1k if u swing on him. 1600 if u do both", 1600),
        ("1.5k to jump the cop at the bar on friday, 3 of u, 500 each", 1500),
        ("300 each for photos of the district cops' cars", 300),
        # money lost, owed or spent is not the offer
        ("6 racks if the ref gets found in the river. he cost me 40k", 6000),
        # a second price for a worse act
        ("$200 to whoever elbows him. break his nose and its 400", 400),
        # one amount, no act or target named: still the sum on the table
        ("10,000 dollars for each of you who falls", 10000),
        # street shorthand for thousands, read only where an act is paid for and no sum is marked
        ("15 to the one who smokes the witness", 15000),
        ("ima pay 6 for him to get smoked by friday", 6000),
        ("green light on the supervisor. 25 on delivery", 25000),
        ("60 for the marshal. 30 up front. i want him dead", 60000),
        ("3 for his daily route home, where he parks", 3000),
        ("20 pa'l que se eche al comandante", 20000),
        # a total named before the sum or after it
        ("placas 300, dirección 500, todo junto 800 por el comandante", 800),
        ("snatch the girl and make her talk. 2k now, 20k all in", 20000),
        # an amount added to another is the sum of the two ("X more", "another X", "otros X")
        ("150 for the car, 350 more if u get where she sleeps", 500),
        ("300 for where he parks, 1k more once he's in a cast", 1300),
        ("500 for the route. another 500 after someone roughs him up", 1000),
        ("te doy 200 por su placa y otros 800 cuando lo calienten", 1000),
        # a sentence ending in "is" does not make the next sum a total
        ("you know who the night clerk is. 2k when it's done, another 2k after", 4000),
        # a rate times the number of people the offer hires
        ("need 3 dudes to jump the bailiff. 400 each", 1200),
        ("ocupo a dos pa calentar al inspector, 5 mil cada uno", 10000),
        # verbs of paying the offer frames had missed
        ("my uncle pays 900 to whoever breaks the collector's hand", 900),
        ("te caen 600 si me pasas la dirección del inspector", 600),
        ("el que le queme la troca al de tránsito se lleva mil", 1000),
        ("i'll wire 3,000 when the clerk is in the hospital", 3000),
        # a rate times the people it is against, or the people who chip in
        ("$75 each for the home addresses of the 3 inspectors", 225),
        ("1k per head for the two guards at the gate", 2000),
        ("$100 de cada uno, somos 6, pal que le dé piso al jefe de la aduana", 600),
        # an added sum in another currency word, a bonus, and a figure that takes the first one's unit
        ("cinco mil dólares ahora y cinco mil más cuando salga en las noticias", 10000),
        ("a band to whoever jumps the bailiff. video = bonus 500", 1500),
        ("4 stacks now for burning his truck, 4 more after", 8000),
    ],
)
def test_offered_amount(text: str, amount: int) -> None:
    assert offered_amount(read(text))[0] == amount


@pytest.mark.parametrize(
    "text",
    [
        "20 for the pizza and 5 for the tip",  # no act paid for
        "we meet at 5 for the handoff, then beat the traffic",  # a time
        "2 of yall jump him when he leaves",  # a count, and no offer
    ],
)
def test_a_bare_small_number_is_not_thousands_without_a_paid_act(text: str) -> None:
    assert offered_amount(read(text))[0] is None


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        # killing, EN slang and ES narco slang, incl. clitic-first and accented forms
        ("1 band to whoever takes out the deputy", "solicit_kill"),
        ("k1ll the 0ff1cer and there's 20 stacks waiting", "solicit_kill"),
        ("a price has been placed on the life of Sheriff Voss", "solicit_kill"),
        ("20 bands for a photo of the chief in his casket", "solicit_kill"),
        ("40k to whoever makes sure that agent doesn't see Christmas", "solicit_kill"),
        ("make one of them never come home again and I'll make it worth it", "solicit_kill"),
        ("AL QUE LO BAJE SE LE PAGAN 500 MIL", "solicit_kill"),
        ("cinco mil al que me enfríe al poli del retén", "solicit_kill"),
        ("10 racks si alguien le da piso al de la migra", "solicit_kill"),
        ("hay 100 mil pal que se cargue al comandante nuevo", "solicit_kill"),
        ("30 mil al que le meta un tiro en la cabeza al periodista", "solicit_kill"),
        ("por cada uno que bajen, la organización paga 20 mil", "solicit_kill"),
        ("recompensa por cada militar que se quiebre en la carretera", "solicit_kill"),
        # harm short of killing: assault, kidnapping, ramming, arson
        ("500 to whoever jumps officer Ruiz after his shift", "solicit_harm"),
        ("2k to jump Deputy Alvarez outside the gym", "solicit_harm"),
        ("4k to break the detectives legs. he's at the gym every morning", "solicit_harm"),
        ("30 mil al q le de una calentada al director del cereso", "solicit_harm"),
        ("q le tumben los dientes al juez, ahi hay 5 mil", "solicit_harm"),
        ("A QUIEN LE CORTE UNA OREJA AL AGENTE SE LE DARÁN 50 MIL", "solicit_harm"),
        ("les pongo 500 a cada uno si le rompen la rodilla al 9", "solicit_harm"),
        ("$3,000 to anyone who teaches a lesson to the reporter", "solicit_harm"),
        ("I got 1500 for whoever rams la patrulla del sheriff", "solicit_harm"),
        ("2k pa'l que le meta la troca a la van de ICE", "solicit_harm"),
        ("EL QUE LE PEGUE AL CARRO DEL JUEZ EN LA CARRETERA COBRA 20 MIL", "solicit_harm"),
        ("$15k to whoever sets fire to the judge's lake house", "solicit_harm"),
        ("$2,000 to the citizen who \"arrests\" Inspector Hale and delivers him to the rally", "solicit_harm"),
        ("Reward: $5,000 to anyone who ties up the sheriff and drops him off at the steps", "solicit_harm"),
        ("9k to pick up the agent's daughter and hold her one night", "solicit_harm"),
        ("1k por cada migra que retengan hasta que lleguemos", "solicit_harm"),
        ("pagan 100 mil por entregar vivo al comandante", "solicit_harm"),
        ("5 MIL POR CADA AZUL QUE TABLEEN. TRAIGAN VIDEO.", "solicit_harm"),
        ("500 al que le avienta la troca al agente de ICE, not killing him", "solicit_harm"),
        ("2k to whoever pepper sprays the sarge at the rally", "solicit_harm"),
        ("whoever runs into that ice van w ur car, i'll pay the damage", "solicit_harm"),
        ("15k for whoever makes the dea agent from the bust disappear", "solicit_kill"),
        ("8,000 to whoever can make the agent disappear for a few days", "solicit_harm"),
        ("7,500 cash for the agent with the neck tattoo. closed casket type job", "solicit_kill"),
        ("5000 on whoever makes that cop a memory", "solicit_kill"),
        ("2 grand if u catch the deputy slippin and he dont get up", "solicit_kill"),
        ("una band pal que deje al cop acostado y que no se levante", "solicit_kill"),
        ("6 bandas pal que le dé cran al ice dude de la gasolinera", "solicit_kill"),
        ("3 racks to grab the ice agent, 10 racks if u off him", "solicit_kill"),
        ("20 large for the judge. She does not see 2026.", "solicit_kill"),
        ("i'll pay 3000 for someone to hit the cop's wife's minivan with him in it", "solicit_harm"),
        ("3k and ill drive. we ram the cop car when he comes off shift", "solicit_harm"),
        ("$20,000. The agent's heart stops, you get paid.", "solicit_kill"),
        ("15 bands for officer leary. his number been called", "solicit_kill"),
        ("ten racks, el jura ese no llega a diciembre", "solicit_kill"),
        ("500 en cripto si me bajas al fed ese", "solicit_kill"),
        ("8,000 on delivery if he's taught a lesson. Hospital, not morgue.", "solicit_harm"),
        ("4k for whoever puts the fed in the trunk. trunk not grave", "solicit_harm"),
        ("3 racks si le quiebran las rodillas al cop ese", "solicit_harm"),
        ("I want her to be in the hospital long enough to miss the trial. I don't want her dead. 30,000 USD", "solicit_harm"),
        # a kill word carried on by a harm phrase, or aimed at a limb, is that harm
        ("5k to pull up on the agent's house and shoot it up", "solicit_harm"),
        ("1 band to whoever pops the ice agent in the leg", "solicit_harm"),
        ("$500 to whichever of you takes out their #10's knee", "solicit_harm"),
        ("1k al que le quiebre el tobillo al number 7", "solicit_harm"),
        # a killing ruled out, or limited to a beating, is not the act bought
        ("I'm not asking anyone to kill him. 15k to whoever beats him until he can't walk", "solicit_harm"),
        ("Not looking for anyone to kill anybody. $8,000 for a real beating", "solicit_harm"),
        ("Una feria pa'l que le dé un aplauso al judicial. nomás calentarlo, no lo quiero muerto", "solicit_harm"),
        ("Se paga bien por calentar a los de tránsito. Nomás una calentada, sin muertos.", "solicit_harm"),
        ("600 if u pop the mailman, just a beating", "solicit_harm"),
        ("i'll pay for someone to snatch the judge and keep him a couple days. nobody gets killed", "solicit_harm"),
        # information, whereabouts, photos; an act in the speaker's own voice afterwards is not paid for
        ("$5,000 to whoever can tell me where Judge Halvorsen's family spends summers", "solicit_intel"),
        ("$500 Zelle to whoever can tell me where Ald. Wierzbicki's kids go to school", "solicit_intel"),
        ("mil dólares to whoever sends me where la oficial Huang is staying", "solicit_intel"),
        ("Gift cards for anyone who can get me the daycare the detective's toddler goes to", "solicit_intel"),
        ("Paying for OSINT: judge's home + spouse's workplace + kids' activities", "solicit_intel"),
        ("Se paga por información del paradero del reportero", "solicit_intel"),
        ("10k pa quien me consiga adónde se mudó el agente", "solicit_intel"),
        ("le doy su gramo al q me diga a q gym va el custodio", "solicit_intel"),
        ("1k if u follow the cop home one time and send me the pin", "solicit_intel"),
        ("$20k for a source who can tell us when and where Agent Holloway moves", "solicit_intel"),
        ("$10K bounty for the identity of the masked agent. Name, city, employer.", "solicit_intel"),
        ("se paga a quien reporte cuántos guachos vienen en el convoy y a qué hora pasan", "solicit_intel"),
        ("2k si me dices en qué building vive el fed. yo me encargo de lo demás", "solicit_intel"),
        ("5 mil al que traiga foto de la esposa del comandante", "solicit_intel"),
        ("doy 100 mil al q me entregue la lista con domicilios de los agentes", "solicit_intel"),
        ("Necesito a alguien que trabaje en un hospital: pago 12 mil por el domicilio del comandante", "solicit_intel"),
        ("who knows what car he drives? i'll pay for it. he's getting a visit", "solicit_intel"),
        ("500 for his address so we can pay him a visit", "solicit_intel"),
        ("$200 to whoever finds out where the ref lives. bout to pay him a visit", "solicit_intel"),
        ("5 racks for the cop's address. i dont know where he lays his head", "solicit_intel"),
        ("2 bands for video of the cop leaving his crib. need the street in the shot", "solicit_intel"),
        ("500 for the first to drop the ice guy's instagram in here", None),
        # an emoji stands for the act only when no act is named in words
        ("2k to whoever gets me pics of where the tall agent sleeps 💀", "solicit_intel"),
        ("1k for the deputy's plate 🔥🔥", "solicit_intel"),
        ("3 racks if u beat the guard bad 💀🔫", "solicit_harm"),
        ("10 bands on the sergeant 💀", "solicit_kill"),
        ("5 mil por el comandante 🔥", "solicit_harm"),
        # a death said in euphemism
        ("3k to whoever sends the warden to meet his maker", "solicit_kill"),
        ("5k if the clerk has a fatal accident before the hearing", "solicit_kill"),
        ("25 mil al que se encargue de forma definitiva del fiscal", "solicit_kill"),
        ("10 mil al que lo mande al panteón", "solicit_kill"),
        ("2 mil al que le pegue al guardia y que no salga vivo", "solicit_kill"),
        ("1k to put the umpire in the dirt", "solicit_kill"),
        # harm said in many ways: ramming, arson, a beating, a hospital bed, a limp
        ("800 to whoever runs the parking enforcement lady off the road", "solicit_harm"),
        ("mil al que le eche la troca encima al inspector", "solicit_harm"),
        ("te doy 5 mil si le quemas el carro al de tránsito", "solicit_harm"),
        ("hay 2 mil pa quien le dé verga al chota", "solicit_harm"),
        ("500 to whoever leaves the ump limping", "solicit_harm"),
        ("1k once the inspector is in the hospital", "solicit_harm"),
        ("600 para el que jump el guardia del club", "solicit_harm"),
        # an accident as cover for a named harm is still that harm
        ("500 to whoever breaks the goalie's ankle, make it look like an accident", "solicit_harm"),
        # no act named: no tier from the rules (the model's stands)
        ("I'm offering a reward for Judge Halvorsen. Serious people only.", None),
        ("drop the case or else, 2k for whoever talks to her", None),
    ],
)
def test_most_severe_act_paid_for(text: str, tier: str | None) -> None:
    assert most_severe_act(read(text)) == tier


@pytest.mark.parametrize(
    "text",
    [
        # kill words that are not a killing in these uses
        "10 bands to whoever drops him off at our spot",
        "25k to whoever gets her to drop the case",
        "2k to whoever takes out the trash at the precinct party",
    ],
)
def test_not_read_as_killing(text: str) -> None:
    assert most_severe_act(read(text)) != "solicit_kill"


@pytest.mark.parametrize(
    "text",
    [
        # words that share an act's spelling but name no harm to a person
        "the Rams won 24-17 on Sunday",
        "can you jump my car real quick",
        "the battery in the van needs replacing",
        "he will never come home, and the city still has no answers",
        "tell me what you think of the new mural",
        "my phone died at my mom's house",
        "compré un trapeador de piso y una escoba",
        "Arrest the officers who did this and put them on trial",
        "she works in a hospital downtown",
        "we paid a visit to the museum",
        "necesito que me traigan la foto del recibo",
        "I can't walk today, my legs are done from the run",
        "Receta: calienten el comal y denle la vuelta a la tortilla",
        "el equipo que elimine al campeón se lleva 50 mil pesos",
        "Call the mayor's office and the governor's office today",
        # a curse ("may the clown take him") is not a killing
        "ojalá se le caiga el helicóptero. que se lo cargue el payaso",
        # a protest chant for the disappeared is not a kidnapping
        "¡VIVOS SE LOS LLEVARON, VIVOS LOS QUEREMOS!",
    ],
)
def test_no_harm_named(text: str) -> None:
    assert most_severe_act(read(text)) in (None, "solicit_intel")


@pytest.mark.parametrize(
    ("model_label", "text", "label"),
    [
        # the model's tier is replaced by the most severe act paid for
        ("solicit_kill", "500 to whoever jumps officer Ruiz after his shift", "solicit_harm"),
        ("solicit_kill", "1k al que le quiebre el tobillo al number 7", "solicit_harm"),
        ("solicit_harm", "cinco mil al que me enfríe al poli del retén", "solicit_kill"),
        ("solicit_harm", "$5,000 to whoever can tell me where Judge Halvorsen's family spends summers", "solicit_intel"),
        # no act named: the model's tier stands
        ("solicit_kill", "I'm offering a reward for Judge Halvorsen. Serious people only.", "solicit_kill"),
        # the tier rule never turns another label into a solicitation
        ("benign", "500 to whoever jumps officer Ruiz after his shift", "benign"),
    ],
)
def test_tier_rule_in_the_decision(model_label: str, text: str, label: str) -> None:
    scores = {str(k): 0.01 for k in LABEL_ORDER}
    scores[model_label] = 1.0 - 0.01 * (len(scores) - 1)
    assert decide(read(text), scores).label == label


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("20 bands for a photo of the chief in his casket", "killing"),
        ("600 if u pop the mailman, just a beating", "assault"),
        ("500 for his address so we can pay him a visit", "whereabouts"),
        ("Se paga por información del paradero del reportero", "whereabouts"),
        ("10,000 dollars for each of you who falls", None),
    ],
)
def test_reading_names_the_act_paid_for(text: str, act: str | None) -> None:
    sol = read_solicitation(read(text))
    assert sol is not None
    assert sol.act == act
