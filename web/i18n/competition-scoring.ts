/** Messages of the competitions' scoring part (keys "competitions.scoring.*"), Russian first; English has the same keys. */
export const competitionScoringRu = {
  "competitions.scoring.field.scoreRequired": "Поставьте оценку по этому критерию",
  "competitions.scoring.field.scoreForComment": "Чтобы сохранить комментарий, поставьте оценку по этому критерию",
  "competitions.scoring.field.outOfScale": "Оценка — целое число от {min} до {max}",
  "competitions.scoring.field.commentRequired": "Напишите комментарий: он обязателен при оценке ниже {below}",
  "competitions.scoring.field.unknownCriterion": "Такого критерия нет в этом конкурсе",
  "competitions.scoring.field.confirmFinal": "Подтвердите, что отправленную оценку нельзя будет изменить",
};

export const competitionScoringEn: Record<keyof typeof competitionScoringRu, string> = {
  "competitions.scoring.field.scoreRequired": "Score this criterion",
  "competitions.scoring.field.scoreForComment": "Score this criterion to keep its comment",
  "competitions.scoring.field.outOfScale": "The score is a whole number from {min} to {max}",
  "competitions.scoring.field.commentRequired": "Write a comment: it is required for a score below {below}",
  "competitions.scoring.field.unknownCriterion": "This competition has no such criterion",
  "competitions.scoring.field.confirmFinal": "Confirm that the submitted scores cannot be changed",
};
