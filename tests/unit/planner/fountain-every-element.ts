/**
 * Two screenplays, one English and one Chinese, that between them use every element of Fountain
 * (https://fountain.io/syntax): title page, scene headings (INT./EXT., 内景/外景, forced "."),
 * action, character cues (forced "@", extensions, dual "^"), dialogue, parentheticals (ASCII and
 * full-width), lyrics "~", transitions (written and forced ">"), centred text ">…<", emphasis,
 * page breaks "===", sections "#", synopses "=", notes "[[ ]]" and the boneyard "/* *\/".
 */

export const EVERY_ELEMENT_EN = `Title: **The _Lighthouse_ Keeper**
Credit: Written by
Author: Ada Quill
Draft date: 5 December 2026
Contact:
    ada@example.com

FADE IN:

# ACT ONE

= A keeper finds a stranger on her rock.

EXT. LIGHTHOUSE ROCK - DAWN

Gulls wheel over black rocks. MARA (40s, wiry, red raincoat) hauls a crate up the slipway. [[check the tide tables]]

McCLANE, a tall man in a soaked grey suit, staggers out of the surf.

MARA
(wary)
Who *are* you?

@McCLANE (O.S.)
Someone who _missed_ the last ferry.

/* MARA
Go back where you came from.
*/

SMASH CUT TO:

.INSIDE THE LAMP ROOM

The great lens turns. Light sweeps the fog.

MARA
Stay away from the lens!

@McCLANE ^
I only want to get warm!

MARA
~Keeper, keeper, light the way,
~bring the sailors home today.

MARA (V.O.)
Forty years I kept this light.

===

## The storm

DISSOLVE TO:

INT. KEEPER'S COTTAGE - NIGHT

Rain lashes the window. The two of them share a pot of tea.

@McCLANE
（quietly）
Thank you.

> FADE TO BLACK.

EXT. LIGHTHOUSE ROCK - MORNING

The sea is calm. The ferry is a dot on the horizon.

>THE END<
`;

export const EVERY_ELEMENT_ZH = `标题: 灯塔守夜人
作者: 林雨
日期: 2026年12月5日

淡入：

# 第一幕

= 守塔人在礁石上救起一个陌生人。

外景 灯塔礁石 清晨

海鸥在礁石上空盘旋。阿梅，一位穿着红色雨衣的中年女人，把木箱拖上坡道。[[查潮汐表]]

阿梅
（警惕）
你是谁？

@老周（画外音）
一个错过末班渡轮的人。

/* 阿梅
回你来的地方去。
*/

切至：

内景 灯室 夜

巨大的透镜缓缓转动，光束扫过浓雾。

阿梅
别碰透镜！

@老周 ^
我只想暖和一下！

阿梅
~守塔人，守塔人，点亮灯，
~照着水手回家门。

===

## 暴风雨

叠化至：

内景 小屋 深夜

雨点打着窗户。两人分一壶茶。

老周
(小声)
谢谢你。

淡出

外景 灯塔礁石 清晨

海面平静，渡轮只是远处一个小点。

>剧终<
`;
