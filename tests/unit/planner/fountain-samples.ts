/** Realistic Fountain screenplays the parser and planner tests read. */

export const RAIN_CASE = `Title: _**The Rain Case**_
Credit: Written by
Author: Jo Writer
Draft date: 1 January 2026
Contact:
    jo@example.com
    +1 555 0100

FADE IN:

EXT. TOKYO ALLEY - NIGHT #1#

Rain hammers the neon-lit alley. MIKO, a grey tabby cat in a tan trench coat, pads between the puddles.

[[Remember: lots of reflections here.]]

MIKO (V.O.)
Every alley has a secret. This one had two.

A paper lantern sways. PUSH IN on a torn note stuck to the wall.

HANA
(breathless)
Detective! The jade bell
is gone!

MIKO
Slow down, Hana. [[is she lying?]]

/* An old version of the scene:

KENJI
I never liked that bell.
*/

CUT TO:

INT. NOODLE BAR - CONTINUOUS

= Miko questions the owner.

KENJI, the noodle-bar owner, wipes the same bowl over and over.

MIKO (CONT'D)
You were open late tonight.

KENJI
(not looking up)
I'm always open late.
(beat)
Ask anyone.

.ROOFTOP ABOVE THE ALLEY

Miko climbs onto the roof and looks out over the whole glittering city while the rain keeps falling. Kenji is already there, waiting at the edge, the stolen jade bell held tight in one paw. He turns slowly and sees her. He has nowhere left to run, and he knows it. For a long moment nobody moves and nobody speaks, and the city hums below them like a sleeping animal that might wake at any second.

MIKO
It's over, Kenji.

KENJI ^
I know.

> FADE OUT.
`;

export const DIALOGUE_ONLY = `BOB
Hello there.

ALICE
(whispering)
Hi, Bob.
`;

export const CHINESE = `标题: 雨夜疑案

外景 东京小巷 夜

雨下个不停。美子，一只穿着风衣的灰猫，在水洼间慢慢走着。

美子
今晚太安静了。

花子 (画外音)
侦探！铃铛不见了！
`;
