"""Words that tell what a name is: titles and roles, heads of organisation, group and place names.

General English, not a list of this corpus's actors: a new article about other people, groups and
places is read with the same words.
"""

from __future__ import annotations

# Role and title words: "Prime Minister X", "X, a professor at …", "Taliban spokesman X".
ROLE_WORDS = frozenset("""
president vice-president prime minister secretary secretary-general spokesman spokeswoman spokesperson
adviser advisor envoy ambassador representative general colonel captain lieutenant sergeant commander
chief head leader director director-general chair chairman chairwoman chairperson professor
mullah sheikh imam king queen prince princess emir sultan governor mayor senator congressman
congresswoman lawmaker legislator judge justice attorney lawyer founder co-founder member official
officer coordinator expert analyst author researcher scholar fellow economist editor correspondent
journalist reporter manager executive deputy administrator commissioner inspector superintendent
councillor councilor chancellor premier pope bishop archbishop rabbi cardinal activist campaigner
volunteer resident farmer teacher doctor nurse engineer worker student survivor witness owner ceo mp
lecturer diplomat negotiator strategist consultant pilot rescuer firefighter medic paramedic organiser
organizer chairperson speaker candidate hydrologist meteorologist scientist principal dean businessman
businesswoman entrepreneur challenger incumbent opponent rival politician banker investor producer
director actor actress singer writer novelist historian professor physician surgeon officer soldier
striker midfielder defender goalkeeper winger coach captain player athlete sprinter runner champion boss
dancer dj presenter host contestant model star musician guitarist drummer comedian designer chef
son daughter wife husband mother father brother sister widow son-in-law daughter-in-law mother-in-law
father-in-law
""".split())
# Forms of address: they mark the name after them as a person's ("Mr Kovac") but say nothing of who the
# person is, so they are never read as a role.
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame madam".split())
# Every word that marks the name after it as a person's.
TITLE_WORDS = ROLE_WORDS | HONORIFICS
# Words of an office's name that are not part of a person's name: "Secretary of State X". They also open
# the names of public bodies, whose "and" joins two fields of one body ("National Geology and Mining
# Service"), not two actors.
OFFICE_WORDS = frozenset("""
state defense defence foreign interior finance justice security national affairs press health education
home energy trade commerce agriculture army navy air force forces special senior deputy assistant
associate executive managing general public international acting interim former chief federal royal
central regional provincial municipal
""".split())
# The last word of an organisation's name, or its first before "of"/"for" ("Federation of …"); company
# suffixes are read without their full stop ("Corp.", "Inc.", "Co.").
ORG_HEADS = frozenset("""
university college institute council project foundation fund bank agency ministry department office
organization organisation commission committee court parliament assembly senate congress corporation
company association society centre center program programme television tv radio news post times
journal press guard police service services authority board bureau command secretariat house tribunal
airlines airways network cross crescent watch international union school academy observatory
federation confederation league chamber syndicate cooperative co-operative consortium institution
corp inc incorporated co ltd limited llc plc gmbh ag holdings industries
""".split())
# The last word of an armed or political group's name.
GROUP_HEADS = frozenset("""
movement front alliance party brigade brigades militia coalition rebels
""".split())
# Words after (or ending) a name that make it a place, not an actor: "Nangarhar province".
PLACE_NOUNS = frozenset("""
airport stadium province district region city town village street road avenue square bridge camp base
prison hotel mosque church temple valley river lake mountain mountains border county capital port
island islands desert checkpoint market neighbourhood neighborhood area zone coast sea ocean park
palace compound crossing highway dam basin delta plain plains state's
""".split())
# Nouns that, in an apposition ("X, a militant coalition …"), say what kind of actor X is.
GROUP_NOUNS = frozenset("group groups coalition movement militia faction network outfit insurgency".split())
ORG_NOUNS = frozenset("""
agency organisation organization company firm charity ministry university newspaper broadcaster
institute council committee department body bank fund
""".split())
# Verbs that attribute words to a speaker.
SAY_VERBS = frozenset("""
said says told tells added adds noted notes observed observes stated states explained explains warned
warns argued argues claimed claims wrote writes indicated indicates urged urges acknowledged
acknowledges confirmed confirms insisted insists announced announces replied replies asked asks
recalled recalls estimated estimates predicted predicts cautioned cautions cited cites vowed vows
stressed stresses emphasised emphasises emphasized emphasizes declared declares maintained maintains
asserted asserts conceded concedes admitted admits contended contends described describes pledged
pledges promised promises denied denies
""".split())
# Of those, the verbs whose object follows them: a name after "told", "urged" or "cited" is the listener
# or the source, never the speaker, as it is after "said".
OBJECT_SAY_VERBS = frozenset("""
told tells asked asks urged urges warned warns cited cites described describes promised promises
pledged pledges denied denies vowed vows
""".split())
# Lowercase words that may join the words of an organisation's name: "University of Baltimore".
CONNECTORS = frozenset("of for & and de al bin bint van von da du la le del ul".split())
# Words after a surname that make it the name of a person's government: "the Karzai administration".
GOVERNMENT_NOUNS = frozenset("administration government cabinet presidency campaign".split())
# Nouns that, next to a name, make it the title of a work ("the game Burnout", "the Twin Peaks cast", "the
# Harry Potter films"), never an actor.
WORK_NOUNS = frozenset("""
game games show shows series film films movie movies album albums song songs single singles sitcom soap
soaps opera operas drama dramas programme programmes program novel novels book books franchise character
characters musical
episode episodes sequel sequels title titles spin-off remake trilogy saga console consoles
""".split())
