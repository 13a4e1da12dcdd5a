import { describe, expect, it } from 'vitest'
import { parsePredictions } from '../formats/predictions'
import { ProblemLog } from '../problems'
import { GVL_PROMPT, gvlLines, gvlOrder, gvlRequest, gvlTexts, parseGvlAnswer } from './gvl'

describe('gvl protocol', () => {
  it('words the request as OpenGVL: prompt, the 0% initial scene, the query, then "Frame k:" and its image', () => {
    const req = gvlRequest({ model: 'm', instruction: 'pour', initialJpeg: 'INIT', shownJpegs: ['A', 'B'], maxTokens: 100 })
    const content = req.messages[0]!.content
    expect(content.map((p) => (p.type === 'text' ? p.text : p.image_url.url))).toEqual([
      GVL_PROMPT.replace('{instruction}', 'pour'),
      'Initial robot scene:',
      'data:image/jpeg;base64,INIT',
      'In the initial robot scene, the task completion percentage is 0.',
      'Now, for the task of pour, output the task completion percentage for the following frames that are presented in random order. For each frame, format your response as follow: Frame {i}: Task Completion Percentages:{}%',
      'Be rigorous and precise; percentage reflects task completion.',
      'Remember: frames are in random order.',
      'Frame 1:', 'data:image/jpeg;base64,A',
      'Frame 2:', 'data:image/jpeg;base64,B',
    ])
    expect(gvlTexts('pour', 2).filter((t) => t === null)).toHaveLength(3)
    expect(GVL_PROMPT.split('\n')[0]).toBe('You are an expert roboticist tasked to predict task completion percentages for frames of a robot for the task of {instruction}.')
  })

  it('shuffles by seed, dataset and episode only', () => {
    const a = gvlOrder(20, 0, 'demo', 'episode_000000')
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(a).not.toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(gvlOrder(20, 0, 'demo', 'episode_000000')).toEqual(a)
    expect(gvlOrder(20, 1, 'demo', 'episode_000000')).not.toEqual(a)
    expect(gvlOrder(20, 0, 'demo', 'episode_000001')).not.toEqual(a)
  })

  it.each<[string, string, (number | null)[], number[]]>([
    ['plain lines', 'Frame 1: 15.0%\nFrame 2: 40%\nFrame 3: 100%', [15, 40, 100], []],
    ['the requested format', 'Frame 1: Task Completion Percentages:10%\nFrame 2: Task Completion Percentages: 55.5%\nFrame 3: Task Completion Percentages:{}%', [10, 55.5, null], []],
    ['markdown with a description first', '**Frame 2:** The robot grasps. **Task Completion:** 25%\n**Frame 1:** Start. Task Completion: 5 %', [5, 25, null], []],
    ['an answer cut off mid-list', 'Frame 3: 80%\nFrame 1: 0%\nFrame 2: the gripper', [0, null, 80], []],
    ['extra and repeated frames', 'Frame 1: 10%\nFrame 1: 90%\nFrame 7: 50%\nFrame 0: 1%', [10, null, null], [0, 7]],
    ['nothing usable', 'I cannot tell.', [null, null, null], []],
  ])('parses %s', (_name, text, values, extra) => {
    expect(parseGvlAnswer(text, 3)).toEqual({ values, extra })
  })

  it('puts answers back in time order, null where the model gave none, and the generic reader loads the rest', () => {
    // Shown order: Frame 1 = time position 2 (frame 20), Frame 2 = position 0 (frame 0), Frame 3 = position 1 (frame 10).
    const order = [2, 0, 1]
    const output = 'Frame 1: 90%\nFrame 2: 0%\nFrame 3: unclear'
    const lines = gvlLines({ episode: 'episode_000003', frames: [0, 10, 20], order, answer: parseGvlAnswer(output, 3), output, meta: { model: 'm', protocol: 'gvl' } })
    expect(lines.map((l) => [l.frame_index, l.progress, l.shown_frame])).toEqual([[0, 0, 2], [10, null, 3], [20, 90, 1]])
    expect(lines[1]).toMatchObject({ parsed_progress: null, model_output: output, model: 'm', protocol: 'gvl', episode: 'episode_000003' })
    const log = new ProblemLog()
    const parsed = parsePredictions(lines.map((l) => `${JSON.stringify(l)}\n`).join(''), log, { scale: 'percent' })
    expect(parsed.series).toEqual([{ episode: 'episode_000003', frames: [{ frameIndex: 0, progress: 0, line: 1 }, { frameIndex: 20, progress: 90, line: 3 }] }])
    expect(log.problems.map((p) => [p.severity, p.kind])).toEqual([['warning', 'no-prediction']])
  })
})
